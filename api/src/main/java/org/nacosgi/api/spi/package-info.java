/**
 * The contract between the api and nacosgi's implementation modules (transport, config, naming). Implemented by nacosgi only; users need it only to send raw requests the services do not cover.
 * <p>
 * Non-null unless stated.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.nacosgi.api.spi;

/**
 * The naming service, its listener and values.
 * <p>
 * Non-null unless stated.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nacosgi.api.naming;

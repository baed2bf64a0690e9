/**
 * Component property types for the whiteboard: put them on a DS component and bnd writes the service properties
 * the nacosgi components look for, with no hand-typed strings.
 * <p>
 * Non-null unless stated.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nacosgi.api.whiteboard;

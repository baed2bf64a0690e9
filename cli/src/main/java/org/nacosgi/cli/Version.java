package org.nacosgi.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the build writes it), or "development" when run from classes. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = NacosCli.class.getPackage().getImplementationVersion();
        return new String[] {"nacosgi " + (v == null ? "development" : v)};
    }
}

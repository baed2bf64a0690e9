package org.nacosgi.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code ID [--group G]} arguments every config command takes. */
final class ConfigKey {
    @Parameters(index = "0", paramLabel = "ID", description = "The data id")
    String dataId;
    @Option(names = "--group", paramLabel = "G", description = "The group (default: DEFAULT_GROUP)")
    String group;
}

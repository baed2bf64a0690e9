package org.nacosgi.cli;

/** A command line the commands refuse after picocli parsed it (exit code 2). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}

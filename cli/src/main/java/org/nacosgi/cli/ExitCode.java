package org.nacosgi.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.nacosgi.api.AuthException;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.NacosTimeoutException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.ServerUnavailableException;

/** The documented exit codes, and which failure maps to which. */
final class ExitCode {
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int AUTH = 4;
    static final int SERVER_ERROR = 5;

    private ExitCode() {
    }

    static int of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (t instanceof InvalidArgumentException || t instanceof UsageException) {
            return USAGE;
        }
        if (t instanceof ServerUnavailableException || t instanceof NacosTimeoutException) {
            return UNREACHABLE;
        }
        if (t instanceof AuthException) {
            return AUTH;
        }
        return SERVER_ERROR;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

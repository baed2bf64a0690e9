package org.nacosgi.api;

/** An argument or option was refused before anything was sent; {@link #argument()} names it. */
public class InvalidArgumentException extends NacosException {
    private static final long serialVersionUID = 1L;
    private final String argument;

    public InvalidArgumentException(String argument, String reason) {
        super(argument + ": " + reason);
        this.argument = argument;
    }

    /** The name of the refused argument or option, e.g. {@code dataId} or {@code pullingTimeout}. */
    public String argument() {
        return argument;
    }
}

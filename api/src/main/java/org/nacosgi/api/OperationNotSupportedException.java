package org.nacosgi.api;

/** The connected server generation does not serve this operation (e.g. instance detail on a 3.x server without admin credentials). */
public class OperationNotSupportedException extends NacosException {
    private static final long serialVersionUID = 1L;

    public OperationNotSupportedException(String message) {
        super(message);
    }
}

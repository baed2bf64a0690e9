package org.nacosgi.testkit.internal;

/** Serves one route. Returns the reply, or {@link Reply#DEFERRED} when it will answer the call later. */
@FunctionalInterface
interface Handler {
    Reply handle(Call call) throws Exception;
}

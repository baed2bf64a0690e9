package org.nacosgi.testkit.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.nacosgi.testkit.Fault;

/** The one HttpHandler: parse, log, apply faults, route. Never holds the thread for a held request. */
final class HttpFront implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());

    private final Core core;
    private final Router router;
    private final Executor executor;

    HttpFront(Core core, Router router, Executor executor) {
        this.core = core;
        this.router = router;
        this.executor = executor;
    }

    @Override
    public void handle(HttpExchange ex) {
        Request req;
        try {
            req = Request.read(ex, core.settings.contextPath);
        } catch (IOException | RuntimeException e) {
            ex.close();
            return;
        }
        core.log.record(req);
        Call call = new Call(req, ex, core.openCalls);
        Fault fault = core.faults.match(req);
        if (fault == null) {
            dispatch(call, false);
            return;
        }
        switch (fault.kind()) {
            case STATUS:
                call.reply(Reply.of(fault.statusCode(), "text/plain;charset=UTF-8", fault.body()));
                break;
            case DELAY:
                core.scheduler.schedule(() -> executor.execute(() -> dispatch(call, false)),
                        fault.delay().toNanos(), TimeUnit.NANOSECONDS);
                break;
            case CUT_BODY:
                dispatch(call, true);
                break;
            default:
                core.faults.park(() -> executor.execute(() -> dispatch(call, false)));
                break;
        }
    }

    private void dispatch(Call call, boolean cut) {
        Reply r;
        try {
            r = router.route(call);
        } catch (Call.CutConnection e) {
            throw e;
        } catch (Exception | Error e) {
            LOG.log(Level.WARNING, "testkit route failed for " + call.req.method + " " + call.req.fullPath, e);
            r = core.dialect.finish(core.dialect.springError(500, String.valueOf(e.getMessage()), call.req));
        }
        if (r == Reply.DEFERRED) {
            return;
        }
        if (cut) {
            call.replyCut(r);
        } else {
            call.reply(r);
        }
    }
}

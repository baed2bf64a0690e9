package org.nacosgi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.AuthException;
import org.nacosgi.api.ConflictException;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.NacosTimeoutException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.ServerErrorException;
import org.nacosgi.api.ServerUnavailableException;

/** Every documented exit code from the failure that causes it (CliIT covers 0-4 through the real jar). */
class ExitCodeTest {
    @Test
    void failuresMapToTheDocumentedCodes() {
        assertEquals(1, ExitCode.of(new NotFoundException("get config a/g: 404")));
        assertEquals(2, ExitCode.of(new InvalidArgumentException("dataId", "must not be empty")));
        assertEquals(2, ExitCode.of(new UsageException("--max-events: must be >= 1")));
        assertEquals(3, ExitCode.of(new ServerUnavailableException("down", List.of("http://a:8848/nacos"), null)));
        assertEquals(3, ExitCode.of(new NacosTimeoutException("slow", java.time.Duration.ofSeconds(3), null)));
        assertEquals(4, ExitCode.of(new AuthException("403")));
        assertEquals(5, ExitCode.of(new ServerErrorException(500, "boom")));
        assertEquals(5, ExitCode.of(new ConflictException("cas refused")));
        assertEquals(5, ExitCode.of(new MalformedResponseException("not json")));
    }

    @Test
    void wrappersOfAsyncCallsAreLookedThrough() {
        assertEquals(1, ExitCode.of(new CompletionException(new NotFoundException("404"))));
        assertEquals(4, ExitCode.of(new ExecutionException(new CompletionException(new AuthException("401")))));
    }
}

package org.nacosgi.cli;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command takes, before or after the command name; they become {@link ClientOptions}. */
final class GlobalOptions {
    static final String ENV_SERVER_ADDR = "NACOS_SERVER_ADDR";
    static final String ENV_PASSWORD = "NACOS_PASSWORD";

    @Option(names = "--server-addr", paramLabel = "HOST:PORT[,...]", scope = ScopeType.INHERIT,
            description = "Nacos servers, comma-separated (default: $" + ENV_SERVER_ADDR + ")")
    String serverAddr;

    @Option(names = "--namespace", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "Namespace id (default: the public namespace)")
    String namespace;

    @Option(names = "--context-path", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "The servers' context path (default: /nacos)")
    String contextPath;

    @Option(names = "--username", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Log in as NAME; the password is read from $" + ENV_PASSWORD + " only")
    String username;

    @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            description = "Per-request timeout: 500ms, 3s, PT3S or milliseconds (default: 3s)")
    String timeout;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the client's log on standard error")
    boolean verbose;

    /** Whether a server was named, on the command line or in the environment. */
    boolean hasServer(Map<String, String> env) {
        return serverAddr != null || blankToNull(env.get(ENV_SERVER_ADDR)) != null;
    }

    ClientOptions toClientOptions(Map<String, String> env, String clientName) {
        String servers = serverAddr != null ? serverAddr : blankToNull(env.get(ENV_SERVER_ADDR));
        if (servers == null) {
            throw new UsageException("no server: give --server-addr HOST:PORT or set " + ENV_SERVER_ADDR);
        }
        String password = env.get(ENV_PASSWORD);
        if (password != null && username == null) {
            // a password in the environment is only for an explicit --username
            password = null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(ClientOptions.SERVER_ADDR, servers);
        put(map, ClientOptions.NAMESPACE, namespace);
        put(map, ClientOptions.CONTEXT_PATH, contextPath);
        put(map, ClientOptions.USERNAME, username);
        put(map, ClientOptions.PASSWORD, password);
        put(map, ClientOptions.DEFAULT_TIMEOUT, timeout);
        map.put(ClientOptions.CLIENT_NAME, clientName);
        ClientOptions options;
        try {
            options = ClientOptions.fromMap(map);
        } catch (InvalidArgumentException e) {
            throw new UsageException(optionName(e.argument()) + ": " + reason(e));
        }
        Path home = Path.of(System.getProperty("user.home"), ClientOptions.DEFAULT_ROOT_DIR_NAME, "cli");
        // A command line asks the server: no snapshot stands in for an unreachable one.
        return options.toBuilder()
                .noSnapshot(true)
                .snapshotDir(home.resolve("snapshot"))
                .namingCacheDir(home.resolve("naming"))
                .failoverDir(home.resolve("failover"))
                .logLevel(verbose ? Level.DEBUG : Level.OFF)
                .debug(verbose)
                .build();
    }

    private static String reason(InvalidArgumentException e) {
        String m = e.getMessage();
        String prefix = e.argument() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static String optionName(String key) {
        switch (key) {
            case ClientOptions.SERVER_ADDR: return "--server-addr";
            case ClientOptions.NAMESPACE: return "--namespace";
            case ClientOptions.CONTEXT_PATH: return "--context-path";
            case ClientOptions.USERNAME: return "--username";
            case ClientOptions.PASSWORD: return ENV_PASSWORD;
            case ClientOptions.DEFAULT_TIMEOUT: return "--timeout";
            default: return key;
        }
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

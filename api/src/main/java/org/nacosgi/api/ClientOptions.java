package org.nacosgi.api;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Every setting of one nacosgi client: an immutable value, built with {@link #builder()} or read from a
 * ConfigAdmin-style map with {@link #fromMap(Map)}. {@link Builder#build()} validates and names the bad option.
 * <p>
 * Map keys are the constants of this class ({@link #SERVER_ADDR} = {@code serverAddr}, ...). Keys with a dot
 * ({@code service.pid}, {@code felix.fileinstall.filename}, {@code xxx.target}) belong to the framework and are
 * ignored; any other unknown key is refused, so a typo never passes silently. Durations in a map are milliseconds
 * (number or digits), an ISO-8601 duration ({@code PT3S}) or a number with {@code ms}, {@code s} or {@code m}.
 * <p>
 * {@link #toString()} masks the password, access key, secret key and trust store password.
 */
public final class ClientOptions {
    public static final String SERVER_ADDR = "serverAddr";
    public static final String CONTEXT_PATH = "contextPath";
    public static final String ENDPOINT = "endpoint";
    public static final String ENDPOINT_PORT = "endpointPort";
    public static final String ENDPOINT_CLUSTER_NAME = "endpointClusterName";
    public static final String NAMESPACE = "namespace";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String ACCESS_KEY = "accessKey";
    public static final String SECRET_KEY = "secretKey";
    public static final String LOG_LEVEL = "logLevel";
    public static final String LOG_DIR = "logDir";
    public static final String LOG_ROTATION_COUNT = "logRotationCount";
    public static final String LOG_FILE_SIZE = "logFileSize";
    public static final String DEFAULT_TIMEOUT = "defaultTimeout";
    public static final String PULLING_TIMEOUT = "pullingTimeout";
    public static final String PULLING_CONFIG_SIZE = "pullingConfigSize";
    public static final String CALLBACK_THREAD_NUM = "callbackThreadNum";
    public static final String FAILOVER_DIR = "failoverDir";
    public static final String SNAPSHOT_DIR = "snapshotDir";
    public static final String NAMING_CACHE_DIR = "namingCacheDir";
    public static final String NO_SNAPSHOT = "noSnapshot";
    public static final String PROXY = "proxy";
    public static final String TLS_VERIFY = "tlsVerify";
    public static final String TRUST_STORE = "trustStore";
    public static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    public static final String TRUST_STORE_TYPE = "trustStoreType";
    public static final String DEBUG = "debug";
    public static final String CLIENT_NAME = "clientName";
    public static final String PUSH_ENABLED = "pushEnabled";
    public static final String CONFIG_POLL_INTERVAL = "configPollInterval";

    /** Every key {@link #fromMap(Map)} understands. */
    public static final Set<String> KEYS = Set.of(SERVER_ADDR, CONTEXT_PATH, ENDPOINT, ENDPOINT_PORT,
            ENDPOINT_CLUSTER_NAME, NAMESPACE, USERNAME, PASSWORD, ACCESS_KEY, SECRET_KEY, LOG_LEVEL, LOG_DIR,
            LOG_ROTATION_COUNT, LOG_FILE_SIZE, DEFAULT_TIMEOUT, PULLING_TIMEOUT, PULLING_CONFIG_SIZE,
            CALLBACK_THREAD_NUM, FAILOVER_DIR, SNAPSHOT_DIR, NAMING_CACHE_DIR, NO_SNAPSHOT, PROXY, TLS_VERIFY,
            TRUST_STORE, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE, DEBUG, CLIENT_NAME, PUSH_ENABLED,
            CONFIG_POLL_INTERVAL);

    public static final String DEFAULT_CONTEXT_PATH = "/nacos";
    public static final int DEFAULT_PORT = 8848;
    public static final int DEFAULT_ENDPOINT_PORT = 8080;
    public static final String DEFAULT_ENDPOINT_CLUSTER_NAME = "serverlist";
    public static final String DEFAULT_NAMESPACE = "";
    public static final Level DEFAULT_LOG_LEVEL = Level.INFO;
    public static final int DEFAULT_LOG_ROTATION_COUNT = 7;
    public static final long DEFAULT_LOG_FILE_SIZE = 10L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT_VALUE = Duration.ofSeconds(3);
    public static final Duration DEFAULT_PULLING_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PULLING_CONFIG_SIZE = 3000;
    /** The server refuses larger listener requests. */
    public static final int MAX_PULLING_CONFIG_SIZE = 10000;
    public static final int DEFAULT_CALLBACK_THREAD_NUM = 10;
    public static final Duration DEFAULT_CONFIG_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final String DEFAULT_CLIENT_NAME = "default";
    /** Root of the default local directories: {@code ${user.home}/.nacosgi}. */
    public static final String DEFAULT_ROOT_DIR_NAME = ".nacosgi";

    private static final Pattern NAMESPACE_PATTERN = Pattern.compile("[A-Za-z0-9_.:-]*");
    private static final Pattern CLIENT_NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String MASK = "******";

    private final List<String> serverAddresses;
    private final String contextPath;
    private final String endpoint;
    private final int endpointPort;
    private final String endpointClusterName;
    private final String namespace;
    private final String username;
    private final String password;
    private final String accessKey;
    private final String secretKey;
    private final Level logLevel;
    private final Path logDir;
    private final int logRotationCount;
    private final long logFileSize;
    private final Duration defaultTimeout;
    private final Duration pullingTimeout;
    private final int pullingConfigSize;
    private final int callbackThreadNum;
    private final Path failoverDir;
    private final Path snapshotDir;
    private final Path namingCacheDir;
    private final boolean noSnapshot;
    private final String proxy;
    private final boolean tlsVerify;
    private final SSLContext sslContext;
    private final Path trustStore;
    private final String trustStorePassword;
    private final String trustStoreType;
    private final boolean debug;
    private final String clientName;
    private final boolean pushEnabled;
    private final Duration configPollInterval;

    private ClientOptions(Builder b) {
        this.serverAddresses = List.copyOf(b.serverAddresses);
        this.contextPath = b.contextPath;
        this.endpoint = b.endpoint;
        this.endpointPort = b.endpointPort;
        this.endpointClusterName = b.endpointClusterName;
        this.namespace = b.namespace;
        this.username = b.username;
        this.password = b.password;
        this.accessKey = b.accessKey;
        this.secretKey = b.secretKey;
        this.logLevel = b.logLevel;
        this.logDir = b.logDir;
        this.logRotationCount = b.logRotationCount;
        this.logFileSize = b.logFileSize;
        this.defaultTimeout = b.defaultTimeout;
        this.pullingTimeout = b.pullingTimeout;
        this.pullingConfigSize = b.pullingConfigSize;
        this.callbackThreadNum = b.callbackThreadNum;
        this.failoverDir = b.failoverDir != null ? b.failoverDir : defaultDir("failover");
        this.snapshotDir = b.snapshotDir != null ? b.snapshotDir : defaultDir("snapshot");
        this.namingCacheDir = b.namingCacheDir != null ? b.namingCacheDir : defaultDir("naming");
        this.noSnapshot = b.noSnapshot;
        this.proxy = b.proxy;
        this.tlsVerify = b.tlsVerify;
        this.sslContext = b.sslContext;
        this.trustStore = b.trustStore;
        this.trustStorePassword = b.trustStorePassword;
        this.trustStoreType = b.trustStoreType;
        this.debug = b.debug;
        this.clientName = b.clientName;
        this.pushEnabled = b.pushEnabled;
        this.configPollInterval = b.configPollInterval;
    }

    private static Path defaultDir(String leaf) {
        return Paths.get(System.getProperty("user.home"), DEFAULT_ROOT_DIR_NAME, leaf);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this value's settings, to derive another value. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Reads options from a ConfigAdmin configuration or any other string-keyed map; see the class doc. */
    public static ClientOptions fromMap(Map<String, ?> map) {
        Objects.requireNonNull(map, "map");
        return OptionsReader.read(map);
    }

    /** Reads options from {@link Properties}; same keys as {@link #fromMap(Map)}. */
    public static ClientOptions fromProperties(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return fromMap(map);
    }

    /** Reads options from an OSGi-style dictionary (as ConfigAdmin hands out); same keys as {@link #fromMap(Map)}. */
    public static ClientOptions fromDictionary(Dictionary<String, ?> dictionary) {
        Objects.requireNonNull(dictionary, "dictionary");
        Map<String, Object> map = new LinkedHashMap<>();
        for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            map.put(key, dictionary.get(key));
        }
        return fromMap(map);
    }

    /** Server addresses as given: {@code host}, {@code host:port} or {@code scheme://host:port}. Empty in endpoint mode. */
    public List<String> serverAddresses() { return serverAddresses; }
    /** The servers' context path, default {@value #DEFAULT_CONTEXT_PATH}; "" for none. */
    public String contextPath() { return contextPath; }
    /** The address server host (endpoint mode), if any. */
    public Optional<String> endpoint() { return Optional.ofNullable(endpoint); }
    public int endpointPort() { return endpointPort; }
    public String endpointClusterName() { return endpointClusterName; }
    /** Namespace id; "" is the public namespace. */
    public String namespace() { return namespace; }
    public Optional<String> username() { return Optional.ofNullable(username); }
    public Optional<String> password() { return Optional.ofNullable(password); }
    public Optional<String> accessKey() { return Optional.ofNullable(accessKey); }
    public Optional<String> secretKey() { return Optional.ofNullable(secretKey); }
    public Level logLevel() { return logLevel; }
    /** Directory of the client's own rotating log file; empty: no file, records go to {@link System.Logger} only. */
    public Optional<Path> logDir() { return Optional.ofNullable(logDir); }
    /** How many rotated log files are kept, default {@value #DEFAULT_LOG_ROTATION_COUNT}. */
    public int logRotationCount() { return logRotationCount; }
    /** Size in bytes at which the log file rotates. */
    public long logFileSize() { return logFileSize; }
    public Duration defaultTimeout() { return defaultTimeout; }
    public Duration pullingTimeout() { return pullingTimeout; }
    public int pullingConfigSize() { return pullingConfigSize; }
    public int callbackThreadNum() { return callbackThreadNum; }
    public Path failoverDir() { return failoverDir; }
    public Path snapshotDir() { return snapshotDir; }
    public Path namingCacheDir() { return namingCacheDir; }
    public boolean noSnapshot() { return noSnapshot; }
    /** HTTP proxy as {@code host:port}, if any. */
    public Optional<String> proxy() { return Optional.ofNullable(proxy); }
    public boolean tlsVerify() { return tlsVerify; }
    /** A caller-supplied TLS context; wins over {@link #trustStore()}. Never read from a map. */
    public Optional<SSLContext> sslContext() { return Optional.ofNullable(sslContext); }
    public Optional<Path> trustStore() { return Optional.ofNullable(trustStore); }
    public Optional<String> trustStorePassword() { return Optional.ofNullable(trustStorePassword); }
    public String trustStoreType() { return trustStoreType; }
    /** Detailed logs on the console (standard error), whatever the log level. */
    public boolean debug() { return debug; }
    /** Names this client's threads ({@code nacosgi-<clientName>-...}) and its OSGi services. */
    public String clientName() { return clientName; }
    /** Whether naming subscriptions ask for UDP push (polling always runs as the reliable path). */
    public boolean pushEnabled() { return pushEnabled; }
    /** How often watched configs are checked on servers without a listener API (3.2+). */
    public Duration configPollInterval() { return configPollInterval; }

    @Override
    public String toString() {
        return "ClientOptions{serverAddr=" + serverAddresses + ", contextPath=" + contextPath
                + ", endpoint=" + endpoint + ", endpointPort=" + endpointPort + ", endpointClusterName="
                + endpointClusterName + ", namespace=" + namespace + ", username=" + username
                + ", password=" + mask(password) + ", accessKey=" + mask(accessKey) + ", secretKey=" + mask(secretKey)
                + ", logLevel=" + logLevel + ", logDir=" + logDir + ", logRotationCount=" + logRotationCount
                + ", defaultTimeout=" + defaultTimeout + ", pullingTimeout=" + pullingTimeout
                + ", pullingConfigSize=" + pullingConfigSize + ", callbackThreadNum=" + callbackThreadNum
                + ", failoverDir=" + failoverDir + ", snapshotDir=" + snapshotDir + ", namingCacheDir="
                + namingCacheDir + ", noSnapshot=" + noSnapshot + ", proxy=" + proxy + ", tlsVerify=" + tlsVerify
                + ", trustStore=" + trustStore + ", trustStorePassword=" + mask(trustStorePassword)
                + ", debug=" + debug + ", clientName=" + clientName + ", pushEnabled=" + pushEnabled + "}";
    }

    private static String mask(String secret) {
        return secret == null ? null : MASK;
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private List<String> serverAddresses = new ArrayList<>();
        private String contextPath = DEFAULT_CONTEXT_PATH;
        private String endpoint;
        private int endpointPort = DEFAULT_ENDPOINT_PORT;
        private String endpointClusterName = DEFAULT_ENDPOINT_CLUSTER_NAME;
        private String namespace = DEFAULT_NAMESPACE;
        private String username;
        private String password;
        private String accessKey;
        private String secretKey;
        private Level logLevel = DEFAULT_LOG_LEVEL;
        private Path logDir;
        private int logRotationCount = DEFAULT_LOG_ROTATION_COUNT;
        private long logFileSize = DEFAULT_LOG_FILE_SIZE;
        private Duration defaultTimeout = DEFAULT_TIMEOUT_VALUE;
        private Duration pullingTimeout = DEFAULT_PULLING_TIMEOUT;
        private int pullingConfigSize = DEFAULT_PULLING_CONFIG_SIZE;
        private int callbackThreadNum = DEFAULT_CALLBACK_THREAD_NUM;
        private Path failoverDir;
        private Path snapshotDir;
        private Path namingCacheDir;
        private boolean noSnapshot;
        private String proxy;
        private boolean tlsVerify = true;
        private SSLContext sslContext;
        private Path trustStore;
        private String trustStorePassword;
        private String trustStoreType = "PKCS12";
        private boolean debug;
        private String clientName = DEFAULT_CLIENT_NAME;
        private boolean pushEnabled = true;
        private Duration configPollInterval = DEFAULT_CONFIG_POLL_INTERVAL;

        private Builder() {
        }

        private Builder(ClientOptions o) {
            serverAddresses = new ArrayList<>(o.serverAddresses);
            contextPath = o.contextPath;
            endpoint = o.endpoint;
            endpointPort = o.endpointPort;
            endpointClusterName = o.endpointClusterName;
            namespace = o.namespace;
            username = o.username;
            password = o.password;
            accessKey = o.accessKey;
            secretKey = o.secretKey;
            logLevel = o.logLevel;
            logDir = o.logDir;
            logRotationCount = o.logRotationCount;
            logFileSize = o.logFileSize;
            defaultTimeout = o.defaultTimeout;
            pullingTimeout = o.pullingTimeout;
            pullingConfigSize = o.pullingConfigSize;
            callbackThreadNum = o.callbackThreadNum;
            failoverDir = o.failoverDir;
            snapshotDir = o.snapshotDir;
            namingCacheDir = o.namingCacheDir;
            noSnapshot = o.noSnapshot;
            proxy = o.proxy;
            tlsVerify = o.tlsVerify;
            sslContext = o.sslContext;
            trustStore = o.trustStore;
            trustStorePassword = o.trustStorePassword;
            trustStoreType = o.trustStoreType;
            debug = o.debug;
            clientName = o.clientName;
            pushEnabled = o.pushEnabled;
            configPollInterval = o.configPollInterval;
        }

        /** A comma-separated list: {@code host}, {@code host:port} or {@code scheme://host:port}; replaces earlier ones. */
        public Builder serverAddr(String commaSeparated) {
            Objects.requireNonNull(commaSeparated, SERVER_ADDR);
            List<String> list = new ArrayList<>();
            for (String part : commaSeparated.split(",")) {
                if (!part.isBlank()) {
                    list.add(part.trim());
                }
            }
            this.serverAddresses = list;
            return this;
        }

        /** Replaces the server addresses. */
        public Builder serverAddresses(Collection<String> addresses) {
            Objects.requireNonNull(addresses, SERVER_ADDR);
            List<String> list = new ArrayList<>();
            for (String a : addresses) {
                if (a == null) {
                    throw new InvalidArgumentException(SERVER_ADDR, "contains a null address");
                }
                if (!a.isBlank()) {
                    list.add(a.trim());
                }
            }
            this.serverAddresses = list;
            return this;
        }

        public Builder contextPath(String contextPath) { this.contextPath = contextPath; return this; }
        public Builder endpoint(String endpoint) { this.endpoint = blankToNull(endpoint); return this; }
        public Builder endpointPort(int endpointPort) { this.endpointPort = endpointPort; return this; }
        public Builder endpointClusterName(String name) { this.endpointClusterName = name; return this; }
        public Builder namespace(String namespace) { this.namespace = namespace == null ? "" : namespace.trim(); return this; }
        public Builder username(String username) { this.username = blankToNull(username); return this; }
        public Builder password(String password) { this.password = password; return this; }
        public Builder accessKey(String accessKey) { this.accessKey = blankToNull(accessKey); return this; }
        public Builder secretKey(String secretKey) { this.secretKey = secretKey; return this; }
        public Builder logLevel(Level logLevel) { this.logLevel = logLevel; return this; }
        public Builder logDir(Path logDir) { this.logDir = logDir; return this; }
        public Builder logRotationCount(int count) { this.logRotationCount = count; return this; }
        public Builder logFileSize(long bytes) { this.logFileSize = bytes; return this; }
        public Builder defaultTimeout(Duration timeout) { this.defaultTimeout = timeout; return this; }
        public Builder pullingTimeout(Duration timeout) { this.pullingTimeout = timeout; return this; }
        public Builder pullingConfigSize(int size) { this.pullingConfigSize = size; return this; }
        public Builder callbackThreadNum(int threads) { this.callbackThreadNum = threads; return this; }
        public Builder failoverDir(Path dir) { this.failoverDir = dir; return this; }
        public Builder snapshotDir(Path dir) { this.snapshotDir = dir; return this; }
        public Builder namingCacheDir(Path dir) { this.namingCacheDir = dir; return this; }
        public Builder noSnapshot(boolean noSnapshot) { this.noSnapshot = noSnapshot; return this; }
        /** HTTP proxy as {@code host:port}; null for none. */
        public Builder proxy(String hostPort) { this.proxy = blankToNull(hostPort); return this; }
        /** Verify server certificates (default true). Turning it off is for tests only and is logged as a warning. */
        public Builder tlsVerify(boolean verify) { this.tlsVerify = verify; return this; }
        public Builder sslContext(SSLContext sslContext) { this.sslContext = sslContext; return this; }
        public Builder trustStore(Path trustStore) { this.trustStore = trustStore; return this; }
        public Builder trustStorePassword(String password) { this.trustStorePassword = password; return this; }
        public Builder trustStoreType(String type) { this.trustStoreType = type; return this; }
        public Builder debug(boolean debug) { this.debug = debug; return this; }
        public Builder clientName(String clientName) { this.clientName = clientName; return this; }
        public Builder pushEnabled(boolean pushEnabled) { this.pushEnabled = pushEnabled; return this; }
        public Builder configPollInterval(Duration interval) { this.configPollInterval = interval; return this; }

        /** Validates and builds; throws {@link InvalidArgumentException} naming the first bad option. */
        public ClientOptions build() {
            if (serverAddresses.isEmpty() && endpoint == null) {
                throw new InvalidArgumentException(SERVER_ADDR, "no server address and no endpoint given");
            }
            for (String address : serverAddresses) {
                ServerAddressCheck.check(address);
            }
            if (contextPath == null) {
                throw new InvalidArgumentException(CONTEXT_PATH, "must not be null (use \"\" for none)");
            }
            contextPath = normalizeContextPath(contextPath);
            if (endpoint != null) {
                ServerAddressCheck.checkHost(ENDPOINT, endpoint);
            }
            checkPort(ENDPOINT_PORT, endpointPort);
            requireText(ENDPOINT_CLUSTER_NAME, endpointClusterName);
            if (!NAMESPACE_PATTERN.matcher(namespace).matches() || namespace.length() > 128) {
                throw new InvalidArgumentException(NAMESPACE,
                        "only letters, digits and _-.: are allowed, at most 128 characters");
            }
            if (password != null && username == null) {
                throw new InvalidArgumentException(USERNAME, "a password was given without a username");
            }
            if (secretKey != null && accessKey == null) {
                throw new InvalidArgumentException(ACCESS_KEY, "a secret key was given without an access key");
            }
            if (accessKey != null && secretKey == null) {
                throw new InvalidArgumentException(SECRET_KEY, "an access key was given without a secret key");
            }
            if (logLevel == null) {
                throw new InvalidArgumentException(LOG_LEVEL, "must not be null");
            }
            if (logRotationCount < 1) {
                throw new InvalidArgumentException(LOG_ROTATION_COUNT, "must be >= 1, was " + logRotationCount);
            }
            if (logFileSize < 1024) {
                throw new InvalidArgumentException(LOG_FILE_SIZE, "must be >= 1024 bytes, was " + logFileSize);
            }
            requirePositive(DEFAULT_TIMEOUT, defaultTimeout);
            requirePositive(PULLING_TIMEOUT, pullingTimeout);
            requirePositive(CONFIG_POLL_INTERVAL, configPollInterval);
            if (pullingConfigSize < 1 || pullingConfigSize > MAX_PULLING_CONFIG_SIZE) {
                throw new InvalidArgumentException(PULLING_CONFIG_SIZE,
                        "must be between 1 and " + MAX_PULLING_CONFIG_SIZE + ", was " + pullingConfigSize);
            }
            if (callbackThreadNum < 1 || callbackThreadNum > 1000) {
                throw new InvalidArgumentException(CALLBACK_THREAD_NUM,
                        "must be between 1 and 1000, was " + callbackThreadNum);
            }
            if (proxy != null) {
                ServerAddressCheck.checkHostPort(PROXY, proxy);
            }
            requireText(TRUST_STORE_TYPE, trustStoreType);
            if (clientName == null || !CLIENT_NAME_PATTERN.matcher(clientName).matches()) {
                throw new InvalidArgumentException(CLIENT_NAME,
                        "1 to 64 letters, digits, '_', '-' or '.' expected, was " + quote(clientName));
            }
            return new ClientOptions(this);
        }

        private static String normalizeContextPath(String path) {
            String p = path.trim();
            if (p.equals("/") || p.isEmpty()) {
                return "";
            }
            if (!p.startsWith("/")) {
                p = "/" + p;
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.contains("?") || p.contains("#") || p.contains(" ") || p.contains("//")) {
                throw new InvalidArgumentException(CONTEXT_PATH, "not a plain path: " + quote(path));
            }
            return p;
        }
    }

    static void checkPort(String option, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidArgumentException(option, "must be between 1 and 65535, was " + port);
        }
    }

    private static void requireText(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(option, "must not be empty");
        }
    }

    private static void requirePositive(String option, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidArgumentException(option, "must be > 0, was " + d);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    /** The one parser from loosely typed maps (ConfigAdmin, properties, CLI) to a builder. */
    private static final class OptionsReader {
        private OptionsReader() {
        }

        static ClientOptions read(Map<String, ?> map) {
            Builder b = builder();
            for (Map.Entry<String, ?> e : map.entrySet()) {
                String key = e.getKey();
                Object v = e.getValue();
                if (key == null || key.contains(".")) {
                    continue; // framework keys (service.pid, felix.fileinstall.filename, x.target)
                }
                if (!KEYS.contains(key)) {
                    throw new InvalidArgumentException(key, "unknown option; known options are " + new TreeSet<>(KEYS));
                }
                if (v != null) {
                    apply(b, key, v);
                }
            }
            return b.build();
        }

        private static void apply(Builder b, String key, Object v) {
            switch (key) {
                case SERVER_ADDR: b.serverAddresses(list(key, v)); break;
                case CONTEXT_PATH: b.contextPath(string(key, v)); break;
                case ENDPOINT: b.endpoint(string(key, v)); break;
                case ENDPOINT_PORT: b.endpointPort(integer(key, v)); break;
                case ENDPOINT_CLUSTER_NAME: b.endpointClusterName(string(key, v)); break;
                case NAMESPACE: b.namespace(string(key, v)); break;
                case USERNAME: b.username(string(key, v)); break;
                case PASSWORD: b.password(string(key, v)); break;
                case ACCESS_KEY: b.accessKey(string(key, v)); break;
                case SECRET_KEY: b.secretKey(string(key, v)); break;
                case LOG_LEVEL: b.logLevel(level(string(key, v))); break;
                case LOG_DIR: b.logDir(Paths.get(string(key, v))); break;
                case LOG_ROTATION_COUNT: b.logRotationCount(integer(key, v)); break;
                case LOG_FILE_SIZE: b.logFileSize(longValue(key, v)); break;
                case DEFAULT_TIMEOUT: b.defaultTimeout(duration(key, v)); break;
                case PULLING_TIMEOUT: b.pullingTimeout(duration(key, v)); break;
                case PULLING_CONFIG_SIZE: b.pullingConfigSize(integer(key, v)); break;
                case CALLBACK_THREAD_NUM: b.callbackThreadNum(integer(key, v)); break;
                case FAILOVER_DIR: b.failoverDir(Paths.get(string(key, v))); break;
                case SNAPSHOT_DIR: b.snapshotDir(Paths.get(string(key, v))); break;
                case NAMING_CACHE_DIR: b.namingCacheDir(Paths.get(string(key, v))); break;
                case NO_SNAPSHOT: b.noSnapshot(bool(key, v)); break;
                case PROXY: b.proxy(string(key, v)); break;
                case TLS_VERIFY: b.tlsVerify(bool(key, v)); break;
                case TRUST_STORE: b.trustStore(Paths.get(string(key, v))); break;
                case TRUST_STORE_PASSWORD: b.trustStorePassword(string(key, v)); break;
                case TRUST_STORE_TYPE: b.trustStoreType(string(key, v)); break;
                case DEBUG: b.debug(bool(key, v)); break;
                case CLIENT_NAME: b.clientName(string(key, v)); break;
                case PUSH_ENABLED: b.pushEnabled(bool(key, v)); break;
                case CONFIG_POLL_INTERVAL: b.configPollInterval(duration(key, v)); break;
                default:
                    throw new IllegalStateException("option without a reader: " + key);
            }
        }

        private static String string(String key, Object v) {
            if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Path) {
                return v.toString();
            }
            if (v instanceof char[]) {
                return new String((char[]) v);
            }
            throw new InvalidArgumentException(key, "expected a text value, got " + v.getClass().getSimpleName());
        }

        private static List<String> list(String key, Object v) {
            Collection<?> items;
            if (v instanceof String) {
                items = List.of(v);
            } else if (v instanceof Object[]) {
                items = Arrays.asList((Object[]) v);
            } else if (v instanceof Collection) {
                items = (Collection<?>) v;
            } else {
                throw new InvalidArgumentException(key, "expected a comma-separated text or a list, got "
                        + v.getClass().getSimpleName());
            }
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                if (item == null) {
                    throw new InvalidArgumentException(key, "contains a null entry");
                }
                for (String part : item.toString().split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
            return out;
        }

        private static int integer(String key, Object v) {
            long l = longValue(key, v);
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw new InvalidArgumentException(key, "out of range: " + l);
            }
            return (int) l;
        }

        private static long longValue(String key, Object v) {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            try {
                return Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException(key, "expected a whole number, got " + quote(v.toString()));
            }
        }

        private static boolean bool(String key, Object v) {
            if (v instanceof Boolean) {
                return (Boolean) v;
            }
            String s = v.toString().trim();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new InvalidArgumentException(key, "expected true or false, got " + quote(v.toString()));
        }

        private static Duration duration(String key, Object v) {
            if (v instanceof Duration) {
                return (Duration) v;
            }
            if (v instanceof Integer || v instanceof Long) {
                return Duration.ofMillis(((Number) v).longValue());
            }
            String s = v.toString().trim().toLowerCase(Locale.ROOT);
            try {
                if (s.startsWith("p")) {
                    return Duration.parse(s.toUpperCase(Locale.ROOT));
                }
                if (s.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
                }
                if (s.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
                }
                if (s.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
                }
                return Duration.ofMillis(Long.parseLong(s));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new InvalidArgumentException(key,
                        "expected milliseconds, an ISO-8601 duration or a number with ms/s/m, got " + quote(v.toString()));
            }
        }

        private static Level level(String v) {
            String s = v.trim().toUpperCase(Locale.ROOT);
            try {
                return Level.valueOf(s.equals("WARN") ? "WARNING" : s);
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException(LOG_LEVEL,
                        "expected one of ALL, TRACE, DEBUG, INFO, WARNING, ERROR, OFF, got " + quote(v));
            }
        }
    }

    /** Syntax checks of server addresses; the transport does the parsing proper. */
    private static final class ServerAddressCheck {
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");

        static void check(String address) {
            String rest = address;
            int scheme = rest.indexOf("://");
            if (scheme >= 0) {
                String s = rest.substring(0, scheme).toLowerCase(Locale.ROOT);
                if (!s.equals("http") && !s.equals("https")) {
                    throw new InvalidArgumentException(SERVER_ADDR, "scheme must be http or https in " + quote(address));
                }
                rest = rest.substring(scheme + 3);
            }
            while (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            if (rest.contains("/") || rest.contains("@") || rest.contains("?")) {
                throw new InvalidArgumentException(SERVER_ADDR,
                        "expected host, host:port or scheme://host:port (no path, no user info) in " + quote(address));
            }
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf(']')) {
                checkHost(SERVER_ADDR, rest.substring(0, colon));
                checkPort(SERVER_ADDR, parsePort(rest.substring(colon + 1), address));
            } else {
                checkHost(SERVER_ADDR, rest);
            }
        }

        static void checkHostPort(String option, String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0) {
                throw new InvalidArgumentException(option, "expected host:port, was " + quote(value));
            }
            checkHost(option, value.substring(0, colon));
            int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException(option, "port is not a number in " + quote(value));
            }
            checkPort(option, port);
        }

        static void checkHost(String option, String host) {
            if (host.isEmpty() || !HOST.matcher(host).matches()) {
                throw new InvalidArgumentException(option, "not a valid host name: " + quote(host));
            }
        }

        private static int parsePort(String s, String address) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException(SERVER_ADDR, "port is not a number in " + quote(address));
            }
        }
    }
}

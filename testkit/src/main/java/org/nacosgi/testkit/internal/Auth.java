package org.nacosgi.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Users and HS384 tokens. New users (admin init, user create) become usable only after the user cache reload delay,
 * as on the real server.
 */
final class Auth {
    /** Why a request was refused. */
    enum Refusal {
        USER_NOT_FOUND, TOKEN_INVALID, INVALID_SIGNATURE, TOKEN_EXPIRED, NO_PERMISSION
    }

    /** One user. */
    static final class User {
        final String name;
        final String password;
        final boolean admin;
        final long usableAtMillis;
        volatile String role;

        User(String name, String password, boolean admin, long usableAtMillis) {
            this.name = name;
            this.password = password;
            this.admin = admin;
            this.usableAtMillis = usableAtMillis;
        }

        boolean usable() {
            return System.currentTimeMillis() >= usableAtMillis;
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS384\"}".getBytes(StandardCharsets.UTF_8));

    private final Settings settings;
    private final Json json;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final byte[] secret = new byte[48];

    Auth(Settings settings, Json json) {
        this.settings = settings;
        this.json = json;
        new SecureRandom().nextBytes(secret);
        settings.users.forEach((u, p) -> users.put(u, new User(u, p, true, 0)));
    }

    boolean enabled() {
        return settings.authEnabled;
    }

    /** The user if it exists and the user cache has loaded it. */
    User user(String name) {
        User u = name == null ? null : users.get(name);
        return u != null && u.usable() ? u : null;
    }

    boolean hasAdmin() {
        return users.values().stream().anyMatch(u -> u.admin);
    }

    /** Creates the admin "nacos" once; false when an admin exists. */
    synchronized boolean initAdmin(String password) {
        if (hasAdmin()) {
            return false;
        }
        users.put("nacos", new User("nacos", password, true,
                System.currentTimeMillis() + settings.userReloadDelay.toMillis()));
        return true;
    }

    /** Creates a user without a role; false when the name exists. */
    synchronized boolean createUser(String name, String password) {
        if (users.containsKey(name)) {
            return false;
        }
        users.put(name, new User(name, password, false,
                System.currentTimeMillis() + settings.userReloadDelay.toMillis()));
        return true;
    }

    boolean exists(String name) {
        return users.containsKey(name);
    }

    java.util.Collection<User> all() {
        return users.values();
    }

    synchronized boolean deleteUser(String name) {
        return users.remove(name) != null;
    }

    void reset() {
        users.clear();
        settings.users.forEach((u, p) -> users.put(u, new User(u, p, true, 0)));
    }

    /** A new token for the user, valid for the configured TTL. */
    String token(String user) {
        long expMs = System.currentTimeMillis() + settings.tokenTtl.toMillis();
        String payload = json.obj().add("sub", user).add("exp", (expMs + 999) / 1000).add("expms", expMs).build()
                .toString();
        String signingInput = HEADER + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    long tokenTtlSeconds() {
        return Math.max(1, (settings.tokenTtl.toMillis() + 999) / 1000);
    }

    /** The user a token names, or the refusal. */
    Object verify(String token) {
        String[] p = token.split("\\.", -1);
        if (p.length != 3) {
            return Refusal.TOKEN_INVALID;
        }
        JsonObject claims;
        try {
            String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8);
            JsonValue v = json.parse(payload);
            claims = v.asJsonObject();
            Base64.getUrlDecoder().decode(p[2]);
        } catch (RuntimeException e) {
            return Refusal.TOKEN_INVALID;
        }
        byte[] expected = sign(p[0] + "." + p[1]);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(p[2]);
        } catch (IllegalArgumentException e) {
            return Refusal.INVALID_SIGNATURE;
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return Refusal.INVALID_SIGNATURE;
        }
        long expMs = claims.containsKey("expms") ? claims.getJsonNumber("expms").longValue()
                : claims.getJsonNumber("exp").longValue() * 1000;
        if (System.currentTimeMillis() >= expMs) {
            return Refusal.TOKEN_EXPIRED;
        }
        User u = users.get(claims.getString("sub", ""));
        return u == null ? Refusal.USER_NOT_FOUND : u;
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(new SecretKeySpec(secret, "HmacSHA384"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA384 is required by every JDK", e);
        }
    }

    /** The user authenticated by a request (token, header or username/password), or the refusal. */
    Object authenticate(Request r) {
        if ("security".equals(r.header("serverIdentity"))) {
            return users.getOrDefault("nacos", new User("nacos", "", true, 0));
        }
        String authz = r.header("Authorization");
        String token = null;
        if (authz != null && authz.startsWith("Bearer ")) {
            token = authz.substring(7);
        }
        if (token == null || token.isEmpty()) {
            token = r.header("accessToken");
        }
        if (token == null || token.isEmpty()) {
            token = r.param("accessToken");
        }
        if (token != null && !token.isEmpty()) {
            return verify(token);
        }
        String name = r.param("username");
        String pass = r.param("password");
        User u = user(name);
        if (u != null && pass != null && u.password.equals(pass)) {
            return u;
        }
        return Refusal.USER_NOT_FOUND;
    }

    /** The 403 message a refusal gets on this generation. */
    String message(Refusal r) {
        if (settings.v3()) {
            switch (r) {
                case TOKEN_INVALID:
                    return "Code: 401, Message: token invalid!.";
                case INVALID_SIGNATURE:
                    return "Code: 401, Message: Invalid signature.";
                case TOKEN_EXPIRED:
                    return "Code: 401, Message: token expired!.";
                case NO_PERMISSION:
                    return "Code: 403, Message: authorization failed!.";
                default:
                    return "Code: 401, Message: User not found! Please check user exist or password is right!.";
            }
        }
        switch (r) {
            case TOKEN_INVALID:
                return "token invalid!";
            case INVALID_SIGNATURE:
                return "Invalid signature";
            case TOKEN_EXPIRED:
                return "token expired!";
            case NO_PERMISSION:
                return "authorization failed!";
            default:
                return "user not found!";
        }
    }
}

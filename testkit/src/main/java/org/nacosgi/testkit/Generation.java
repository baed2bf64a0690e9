package org.nacosgi.testkit;

/** Which Nacos server line the testkit imitates. */
public enum Generation {
    /** 0.8 - 1.4.x: v1 APIs only. */
    V1,
    /** 2.0 - 2.5.x: v1 and the v2 open API (answers as captured from 2.5.1). */
    V2,
    /** 3.0 - 3.1.x: v1 client calls, 410 for the other v1/v2 calls, plus /v3/client and /v3/admin (as captured from 3.0.3). */
    V3_0,
    /** 3.2+: only /v3/client and /v3/admin; v1 and v2 are gone. */
    V3_2;

    /**
     * Parses the command-line form: {@code 1}, {@code 2}, {@code 3.0}, {@code 3.2} (also {@code 3.1} = 3.0 line, and a
     * server version such as {@code 2.5.1} or {@code 3.0.3}).
     *
     * @throws IllegalArgumentException naming the value when it is not a known generation
     */
    public static Generation parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("generation must not be blank");
        }
        String v = value.trim();
        if (v.toUpperCase(java.util.Locale.ROOT).startsWith("V")) {
            v = v.substring(1).replace('_', '.');
        }
        String[] parts = v.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major <= 1) {
                return V1;
            }
            if (major == 2) {
                return V2;
            }
            if (major == 3 && minor < 2) {
                return V3_0;
            }
            return V3_2;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("generation '" + value + "' is not one of 1, 2, 3.0, 3.2", e);
        }
    }
}

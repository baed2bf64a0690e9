package org.nacosgi.testkit.internal;

/** A bcrypt-shaped stand-in for stored password hashes (the user list shows hashes, never passwords). */
final class Passwords {
    private Passwords() {
    }

    static String hash(String password) {
        String md5 = Md5.hex("nacosgi-testkit:" + password);
        return "$2a$10$" + (md5 + md5).substring(0, 53);
    }
}

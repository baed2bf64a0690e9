/** A Nacos-compatible server double for tests and demos. */
module org.nacosgi.testkit {
    requires jdk.httpserver;
    requires jakarta.json;

    exports org.nacosgi.testkit;
}

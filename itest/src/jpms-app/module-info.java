/** A user's application on the module path: it needs the api only; the implementations come as services. */
module org.nacosgi.itest.app {
    requires org.nacosgi.api;
}

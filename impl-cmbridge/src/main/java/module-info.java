/** Nacos config items as ConfigAdmin configurations: a plain-Java core and its DS shell. Exports nothing. */
module org.nacosgi.cmbridge {
    requires org.nacosgi.api;
    requires static osgi.core;
    requires static org.osgi.service.cm;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
}

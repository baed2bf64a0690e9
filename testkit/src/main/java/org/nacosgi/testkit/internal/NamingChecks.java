package org.nacosgi.testkit.internal;

import java.util.Map;

/** The parameter filter for naming requests (runs before the controller, answers text 400s). */
final class NamingChecks {
    private NamingChecks() {
    }

    /** The first filter complaint about a naming request, or null. */
    static String check(Request r, Json json, String clusterParam) {
        String m = ParamRules.namespace(r.param("namespaceId"));
        if (m == null) {
            m = ParamRules.serviceName(r.param("serviceName"));
        }
        if (m == null) {
            m = ParamRules.namingGroup(r.param("groupName"));
        }
        if (m == null) {
            m = ParamRules.clusters(r.param(clusterParam));
        }
        if (m == null) {
            m = ParamRules.port(r.param("port"));
        }
        if (m == null && r.has("metadata")) {
            try {
                Map<String, String> meta = json.parseMetadata(r.param("metadata"));
                m = ParamRules.metadata(meta);
            } catch (Json.BadMetadata unparsable) {
                // the controller reports it
            }
        }
        return m;
    }

    /** Jackson's complaint about a bad beat JSON, as Nacos wraps it. */
    static String jacksonMessage(String input, boolean v3) {
        int end = 0;
        while (end < input.length() && Character.isJavaIdentifierPart(input.charAt(end))) {
            end++;
        }
        String token = end == 0 ? input.substring(0, Math.min(1, input.length())) : input.substring(0, end);
        String source = v3 ? "REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)"
                : "(String)\"" + input + "\"";
        String inner = "Unrecognized token '" + token
                + "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: "
                + source + "; line: 1, column: " + (token.length() + 1) + "]";
        return "Server failed, caused: errCode: 101, errMsg: Nacos deserialize for class "
                + "[com.alibaba.nacos.naming.healthcheck.RsInfo] failed, cause error[" + inner + "].  ;caused: "
                + inner + ";";
    }
}

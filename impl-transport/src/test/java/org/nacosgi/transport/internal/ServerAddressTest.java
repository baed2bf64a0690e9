package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.InvalidArgumentException;

class ServerAddressTest {
    @ParameterizedTest
    @CsvSource({
        "host, /nacos, http://host:8848/nacos",
        "host:9000, /nacos, http://host:9000/nacos",
        "10.0.0.1, '', http://10.0.0.1:8848",
        "http://h:80, /nacos, http://h:80/nacos",
        "https://h:443/, /ctx, https://h:443/ctx",
        "HTTPS://h, /nacos, https://h:8848/nacos",
        "[::1]:8848, /nacos, http://[::1]:8848/nacos",
        "[fe80::1], /nacos, http://[fe80::1]:8848/nacos",
        "' spaced:1 ', /nacos, http://spaced:1/nacos",
    })
    void parsesTheThreeForms(String input, String contextPath, String baseUrl) {
        assertEquals(baseUrl, ServerAddress.parse(input, contextPath, "serverAddr").baseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h:1", "h:0", "h:70000", "h:x", "h/path", "user@h", "::1", "", "http://"})
    void refusesBadAddressesNamingTheOption(String input) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ServerAddress.parse(input, "/nacos", "serverAddr"));
        assertEquals("serverAddr", e.argument());
    }

    @Test
    void parsesCommaSeparatedListsAndDropsDuplicates() {
        List<ServerAddress> all = ServerAddress.parseAll(List.of("a:1,b", " c:3 ,a:1", ""), "/nacos", "serverAddr");
        assertEquals(List.of("http://a:1/nacos", "http://b:8848/nacos", "http://c:3/nacos"),
                all.stream().map(ServerAddress::baseUrl).collect(Collectors.toList()));
    }

    @Test
    void knowsLoopbackHostsWithoutDns() {
        assertTrue(ServerAddress.parse("localhost", "", "s").isLoopback());
        assertTrue(ServerAddress.parse("127.0.0.1", "", "s").isLoopback());
        assertTrue(ServerAddress.parse("[::1]:1", "", "s").isLoopback());
        assertFalse(ServerAddress.parse("10.1.2.3", "", "s").isLoopback());
        assertFalse(ServerAddress.parse("nacos.example.com", "", "s").isLoopback());
    }
}

package org.nacosgi.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NacosClientsTest {
    @Test
    void createWithoutImplementationModulesSaysWhatIsMissing() {
        NacosException e = assertThrows(NacosException.class, () -> NacosClients.create("127.0.0.1:8848"));
        assertTrue(e.getMessage().contains("nacosgi-transport"), e.getMessage());
    }

    @Test
    void createRefusesNullOptions() {
        assertThrows(NullPointerException.class, () -> NacosClients.create((ClientOptions) null));
    }
}

package org.nacosgi.transport.internal;

import java.util.List;
import org.nacosgi.api.InvalidArgumentException;

/** The servers given in the options. */
final class FixedServerList implements ServerList {
    private final List<ServerAddress> servers;

    FixedServerList(List<ServerAddress> servers) {
        if (servers.isEmpty()) {
            throw new InvalidArgumentException("serverAddr", "no server address given");
        }
        this.servers = List.copyOf(servers);
    }

    @Override
    public List<ServerAddress> servers() {
        return servers;
    }

    @Override
    public String describe() {
        return "servers " + servers;
    }

    @Override
    public void close() {
        // nothing to stop
    }
}

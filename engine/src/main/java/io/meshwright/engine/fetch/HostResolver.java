package io.meshwright.engine.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A host name's addresses. The system's resolver in production; a test passes one whose answer changes, as a DNS
 * server rebinding a name would, which no hosts file on a shared machine can do.
 */
@FunctionalInterface
public interface HostResolver {

    /** Every address of {@code host} (a name or an address literal), never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** {@link InetAddress#getAllByName}. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}

package io.meshwright.engine.actions;

import io.meshwright.engine.connections.Connection;
import io.meshwright.engine.connections.ConnectionStore;
import io.meshwright.engine.connections.PrometheusClient;
import io.meshwright.engine.connections.PrometheusException;
import io.meshwright.engine.fetch.UrlFetcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Connections to systems the engine reads from: {@link #add} tests one before storing it (Prometheus must answer
 * its build info and a query), {@link #list}, {@link #remove}. Credentials in a URL are kept for the calls and
 * never shown.
 */
public final class ConnectionsAction {

    /** The one type there is. */
    public static final String PROMETHEUS = "prometheus";

    /**
     * @param type {@code prometheus}
     * @param url  its base URL, e.g. {@code http://127.0.0.1:9090}
     * @param name a name; empty for one made from the URL's host and port
     */
    public record Add(String type, String url, Optional<String> name) {}

    private final Optional<ConnectionStore> store;
    private final Clock clock;
    private final Duration timeout;
    private final Runnable changed;
    private final UrlFetcher addressPolicy;

    /**
     * @param store   where connections are kept; empty when this engine has none (every call is refused)
     * @param clock   the clock
     * @param timeout how long the test on add may wait for an answer
     * @param changed told after a connection was added or removed (health refreshes at once rather than at its
     *                next interval)
     * @param addressPolicy the engine's address policy, which the test on add (and every later call) passes first
     */
    public ConnectionsAction(Optional<ConnectionStore> store, Clock clock, Duration timeout, Runnable changed,
            UrlFetcher addressPolicy) {
        this.addressPolicy = addressPolicy;
        this.store = store;
        this.clock = clock;
        this.timeout = timeout;
        this.changed = changed;
    }

    /**
     * Tests and stores a connection.
     *
     * @throws ActionException naming the parameter at fault: an unknown type, a URL that does not answer or not
     *     as Prometheus does, a name that is taken
     */
    public Connection add(Add add) {
        ConnectionStore connections = store();
        String type = add.type() == null ? "" : add.type().toLowerCase(Locale.ROOT);
        if (!type.equals(PROMETHEUS)) {
            throw ActionException.badParameter("type", "type: expected prometheus, but was '" + add.type() + "'");
        }
        if (add.url() == null || add.url().isBlank()) {
            throw ActionException.badParameter("url", "url: expected Prometheus' base URL (e.g. http://127.0.0.1:9090),"
                    + " but it was missing");
        }
        String version;
        try {
            PrometheusClient client = new PrometheusClient(add.url(), timeout, addressPolicy);
            version = client.version();
            client.query("up");
        } catch (PrometheusException e) {
            throw ActionException.badParameter("url", "not added: " + e.getMessage());
        }
        String name = add.name().filter(n -> !n.isBlank()).orElseGet(() -> defaultName(add.url()));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw ActionException.badParameter("name", "name: expected letters, digits, '.', '_' or '-' (at most 63),"
                    + " but was '" + name + "'");
        }
        Connection added = connections.add(type, name, add.url().strip(), clock.instant(), version)
                .orElseThrow(() -> ActionException.badParameter("name", "a connection named " + name
                        + " exists already; remove it first or give --name"));
        changed.run();
        return added;
    }

    public List<Connection> list() {
        return store().list();
    }

    /** Removes the connection with this id or name. */
    public Connection remove(String idOrName) {
        Connection removed = store().remove(idOrName).orElseThrow(() -> ActionException.notFound("no connection "
                + idOrName + " (meshwright connection list shows them)"));
        changed.run();
        return removed;
    }

    private ConnectionStore store() {
        return store.orElseThrow(() -> ActionException.unavailable(
                "connections are not available: no store for them is wired into this engine"));
    }

    private static String defaultName(String url) {
        URI uri = URI.create(url.strip());
        return PROMETHEUS + "-" + (uri.getHost() + (uri.getPort() < 0 ? "" : "-" + uri.getPort()))
                .replaceAll("[^A-Za-z0-9]+", "-");
    }
}

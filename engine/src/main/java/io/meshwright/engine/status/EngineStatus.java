package io.meshwright.engine.status;

import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.plugins.PluginInfo;
import io.meshwright.engine.plugins.PluginStatus;
import io.meshwright.engine.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine's status on one screen: its version, the target cluster (asked each time, so "reachable" is
 * current), the store and the plugins by state.
 */
public final class EngineStatus {

    private final String version;
    private final ClusterTarget cluster;
    private final ClusterProbe probe;
    private final Database database;
    private final PluginHost plugins;

    public EngineStatus(String version, ClusterTarget cluster, ClusterProbe probe, Database database, PluginHost plugins) {
        this.version = version;
        this.cluster = cluster;
        this.probe = probe;
        this.database = database;
        this.plugins = plugins;
    }

    /** The engine's version: the jar's {@code Implementation-Version}, or "development" when run from classes. */
    public static String engineVersion() {
        return Optional.ofNullable(EngineStatus.class.getPackage().getImplementationVersion()).orElse("development");
    }

    /** The cluster the engine deploys to. */
    public ClusterTarget cluster() {
        return cluster;
    }

    /**
     * Asks the cluster whether it answers, before work that needs it starts.
     *
     * @throws ClusterUnreachableException when it does not
     */
    public void requireReachable() {
        ClusterState state = probe.probe();
        if (!state.reachable()) {
            throw new ClusterUnreachableException(cluster, state.problem().orElse("no answer"));
        }
    }

    public Report report() {
        ClusterState state = probe.probe();
        return new Report(version,
                new Cluster(cluster.server(), cluster.kubeconfig().map(Path::toString).orElse(null), cluster.context().orElse(null),
                        state.reachable(), state.kubernetesVersion().orElse(null), state.problem().orElse(null)),
                new Store(database.file().toString(), size(database.file()), schema()),
                pluginsByState());
    }

    /**
     * @param version engine version
     * @param cluster the target cluster
     * @param store   the store
     * @param plugins how many plugins are in each state (every state listed, 0 included)
     */
    public record Report(String version, Cluster cluster, Store store, Map<String, Long> plugins) {}

    /** The target cluster and whether it answered just now. */
    public record Cluster(String server, String kubeconfig, String context, boolean reachable, String kubernetesVersion,
            String problem) {}

    /**
     * @param path   the database file
     * @param bytes  its size with its write-ahead log
     * @param schema schema version of each feature's tables
     */
    public record Store(String path, long bytes, Map<String, Integer> schema) {}

    private Map<String, Long> pluginsByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (PluginStatus status : PluginStatus.values()) {
            counts.put(status.name(), 0L);
        }
        for (PluginInfo plugin : plugins.plugins()) {
            counts.merge(plugin.status().name(), 1L, Long::sum);
        }
        return counts;
    }

    private Map<String, Integer> schema() {
        return database.read(connection -> {
            Map<String, Integer> versions = new TreeMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT feature, version FROM schema_version")) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getInt(2));
                }
            }
            return versions;
        });
    }

    private static long size(Path file) {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                total += Files.size(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException absent) {
                // no write-ahead log right after a checkpoint
            }
        }
        return total;
    }
}

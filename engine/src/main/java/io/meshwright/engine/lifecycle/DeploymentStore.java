package io.meshwright.engine.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.StoreException;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.design.Design;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments and their state machine, persisted. Every transition is committed before the work it announces
 * starts, together with the design being deployed, so that the engine can resume or finish interrupted work
 * at start-up.
 */
public final class DeploymentStore {

    private final Database database;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public DeploymentStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A deployment with what is needed to resume it. */
    public record Stored(DeploymentRecord record, Design design, DeployOptions options) {}

    /**
     * Starts (or restarts) work on a deployment: creates it in {@code PENDING}, or moves an existing one to
     * {@code VALIDATING} with the new design version, committing the design alongside.
     */
    public DeploymentRecord begin(String id, Design design, String cluster, String clusterUid, DeployOptions options) {
        Instant now = clock.instant();
        String designJson = write(design);
        String optionsJson = write(optionsAsMap(options));
        return database.write(connection -> {
            Optional<DeploymentRecord> existing = find(connection, id);
            DeploymentState target = existing.isPresent() ? DeploymentState.VALIDATING : DeploymentState.PENDING;
            if (existing.isPresent()) {
                DeploymentState from = existing.get().state();
                if (!Transitions.allowed(from, target) && from != target) {
                    throw new IllegalTransitionException(id, from, target);
                }
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE deployments SET design_version = ?, design_json = ?, options_json = ?, state = ?,
                               cause = NULL, updated_at = ?, cluster_uid = COALESCE(cluster_uid, ?) WHERE id = ?""")) {
                    update.setString(1, design.version());
                    update.setString(2, designJson);
                    update.setString(3, optionsJson);
                    update.setString(4, target.name());
                    update.setString(5, now.toString());
                    update.setString(6, clusterUid);
                    update.setString(7, id);
                    update.executeUpdate();
                }
                recordTransition(connection, id, from, target, "deploy version " + design.version(), now);
            } else {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO deployments(id, design_id, design_name, design_version, cluster, state, cause,
                                                design_json, options_json, created_at, updated_at, cluster_uid)
                        VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)""")) {
                    insert.setString(1, id);
                    insert.setString(2, design.id() == null ? design.name() : design.id());
                    insert.setString(3, design.name());
                    insert.setString(4, design.version());
                    insert.setString(5, cluster);
                    insert.setString(6, target.name());
                    insert.setString(7, designJson);
                    insert.setString(8, optionsJson);
                    insert.setString(9, now.toString());
                    insert.setString(10, now.toString());
                    insert.setString(11, clusterUid);
                    insert.executeUpdate();
                }
                recordTransition(connection, id, null, target, null, now);
            }
            return find(connection, id).orElseThrow();
        });
    }

    /** Commits a transition; refuses one the state machine does not allow. */
    public DeploymentRecord transition(String id, DeploymentState to, String cause) {
        Instant now = clock.instant();
        return database.write(connection -> {
            DeploymentRecord current = find(connection, id)
                    .orElseThrow(() -> new SQLException("no deployment " + id));
            if (current.state() == to) {
                return current;
            }
            if (!Transitions.allowed(current.state(), to)) {
                throw new IllegalTransitionException(id, current.state(), to);
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE deployments SET state = ?, cause = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, to.name());
                update.setString(2, cause);
                update.setString(3, now.toString());
                update.setString(4, id);
                update.executeUpdate();
            }
            recordTransition(connection, id, current.state(), to, cause, now);
            return find(connection, id).orElseThrow();
        });
    }

    /**
     * Records that the engine stopped while working on {@code id}, which stays in its working state (so that
     * the next start resumes it) with {@code cause}; a line in its history says so. Does nothing to a settled one.
     */
    public DeploymentRecord markInterrupted(String id, String cause) {
        Instant now = clock.instant();
        return database.write(connection -> {
            DeploymentRecord current = find(connection, id)
                    .orElseThrow(() -> new SQLException("no deployment " + id));
            if (current.state().isSettled()) {
                return current;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE deployments SET cause = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, cause);
                update.setString(2, now.toString());
                update.setString(3, id);
                update.executeUpdate();
            }
            recordTransition(connection, id, current.state(), current.state(), cause, now);
            return find(connection, id).orElseThrow();
        });
    }

    /** Records the plan's part ids in deploy order; undeploy visits the parts in the reverse of it. */
    public void recordPartOrder(String id, List<String> partIds) {
        String order = write(partIds);
        database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE deployments SET part_order = ? WHERE id = ?")) {
                update.setString(1, order);
                update.setString(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records what parts reported about what they run ({@link io.meshwright.spi.deploy.PartOutcome#details()}),
     * replacing each reporting part's earlier details, and forgets the details of parts not in {@code parts} (the
     * plan dropped them).
     */
    public void recordPartDetails(String id, Map<String, Map<String, String>> reported, List<String> parts) {
        database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM deployment_part_details WHERE deployment_id = ? AND part_id = ?");
                 PreparedStatement upsert = connection.prepareStatement("INSERT INTO deployment_part_details"
                         + " (deployment_id, part_id, details_json) VALUES (?, ?, ?) ON CONFLICT (deployment_id, part_id)"
                         + " DO UPDATE SET details_json = excluded.details_json")) {
                for (String part : partDetails(connection, id).keySet()) {
                    if (!parts.contains(part)) {
                        delete.setString(1, id);
                        delete.setString(2, part);
                        delete.executeUpdate();
                    }
                }
                for (Map.Entry<String, Map<String, String>> part : reported.entrySet()) {
                    upsert.setString(1, id);
                    upsert.setString(2, part.getKey());
                    upsert.setString(3, write(part.getValue()));
                    upsert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Each part's details as its deployer last reported them (part id → name → value), in part id order. */
    public Map<String, Map<String, String>> partDetails(String id) {
        return database.read(connection -> partDetails(connection, id));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, String>> partDetails(java.sql.Connection connection, String id) throws java.sql.SQLException {
        Map<String, Map<String, String>> details = new java.util.TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT part_id, details_json FROM deployment_part_details WHERE deployment_id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    details.put(rows.getString(1), read(rows.getString(2), java.util.LinkedHashMap.class));
                }
            }
        }
        return details;
    }

    /** The part ids in the order the last deploy applied them; empty when none was recorded. */
    @SuppressWarnings("unchecked")
    public List<String> partOrder(String id) {
        String order = column(id, "part_order");
        return order == null ? List.of() : (List<String>) read(order, List.class);
    }

    /** Records what an undeploy that starts now was asked, for a restart to carry it on the same way. */
    public void recordUndeployOptions(String id, UndeployOptions options) {
        String json = write(Map.of("removeCrds", options.removeCrds(), "deletePreExisting", options.deletePreExisting(),
                "timeoutMillis", options.timeout().toMillis()));
        database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE deployments SET undeploy_options = ? WHERE id = ?")) {
                update.setString(1, json);
                update.setString(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** What the last undeploy of {@code id} was asked; empty when none was recorded (an older store). */
    public Optional<UndeployOptions> undeployOptions(String id) {
        String json = column(id, "undeploy_options");
        if (json == null) {
            return Optional.empty();
        }
        Map<?, ?> map = read(json, Map.class);
        return Optional.of(new UndeployOptions(Boolean.TRUE.equals(map.get("removeCrds")),
                Boolean.TRUE.equals(map.get("deletePreExisting")),
                java.time.Duration.ofMillis(((Number) map.get("timeoutMillis")).longValue()), false));
    }

    /** The identity (kube-system namespace uid) of the cluster the deployment went to, when recorded. */
    public Optional<String> clusterUid(String id) {
        return Optional.ofNullable(column(id, "cluster_uid"));
    }

    private String column(String id, String column) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + column + " FROM deployments WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
    }

    public Optional<DeploymentRecord> get(String id) {
        return database.read(connection -> find(connection, id));
    }

    /** The deployment with its design and options, for resuming it. */
    public Optional<Stored> stored(String id) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT design_json, options_json FROM deployments WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    Design design = read(rows.getString(1), Design.class);
                    DeployOptions options = optionsFromMap(read(rows.getString(2), Map.class));
                    return Optional.of(new Stored(find(connection, id).orElseThrow(), design, options));
                }
            }
        });
    }

    public List<DeploymentRecord> list() {
        return database.read(connection -> {
            List<DeploymentRecord> records = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM deployments ORDER BY created_at, id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(record(rows));
                }
            }
            return records;
        });
    }

    /** Transitions of one deployment, oldest first, as {@code from → to (cause)} lines. */
    public List<String> history(String id) {
        return database.read(connection -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT from_state, to_state, cause, at FROM deployment_transitions WHERE deployment_id = ? ORDER BY seq")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String cause = rows.getString(3);
                        lines.add(rows.getString(4) + " " + (rows.getString(1) == null ? "∅" : rows.getString(1))
                                + " → " + rows.getString(2) + (cause == null ? "" : " (" + cause + ")"));
                    }
                }
            }
            return lines;
        });
    }

    private static Optional<DeploymentRecord> find(java.sql.Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM deployments WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(record(rows)) : Optional.empty();
            }
        }
    }

    private static DeploymentRecord record(ResultSet rows) throws SQLException {
        return new DeploymentRecord(rows.getString("id"), rows.getString("design_id"), rows.getString("design_name"),
                rows.getString("design_version"), rows.getString("cluster"),
                DeploymentState.valueOf(rows.getString("state")), rows.getString("cause"),
                Instant.parse(rows.getString("created_at")), Instant.parse(rows.getString("updated_at")));
    }

    private static void recordTransition(java.sql.Connection connection, String id, DeploymentState from,
            DeploymentState to, String cause, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO deployment_transitions(deployment_id, from_state, to_state, cause, at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, from == null ? null : from.name());
            insert.setString(3, to.name());
            insert.setString(4, cause);
            insert.setString(5, at.toString());
            insert.executeUpdate();
        }
    }

    private static Map<String, Object> optionsAsMap(DeployOptions options) {
        return Map.of("waitPolicy", options.waitPolicy().name(), "timeoutSeconds", options.timeout().toSeconds(),
                "installDependencies", options.installDependencies(), "adoptExisting", options.adoptExisting(),
                "concurrency", options.concurrency(), "prune", options.prune(),
                "createNamespaces", options.createNamespaces(), "trustSources", options.trustSources());
    }

    private static DeployOptions optionsFromMap(Map<?, ?> map) {
        return new DeployOptions(WaitPolicy.valueOf((String) map.get("waitPolicy")),
                Duration.ofSeconds(((Number) map.get("timeoutSeconds")).longValue()),
                (Boolean) map.get("installDependencies"), (Boolean) map.get("adoptExisting"),
                ((Number) map.get("concurrency")).intValue(), Boolean.TRUE.equals(map.get("prune")),
                !Boolean.FALSE.equals(map.get("createNamespaces")), Boolean.TRUE.equals(map.get("trustSources")));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored " + type.getSimpleName() + " is unreadable: " + e.getMessage(), e);
        }
    }
}

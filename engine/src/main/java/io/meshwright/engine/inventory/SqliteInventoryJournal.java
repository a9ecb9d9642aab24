package io.meshwright.engine.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import io.meshwright.spi.model.Gvk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory journal in the embedded store. Objects are keyed by group, kind, namespace and name (not
 * version: one object is served at several versions). Each call is its own committed transaction, which is
 * what makes "intent before create" hold across a {@code kill -9}.
 */
final class SqliteInventoryJournal implements InventoryJournal {

    private static final String COLUMNS =
            "deployment_id, api_group, api_version, kind, namespace, name, uid, part_id, pre_existing, status";
    private static final String KEY = "deployment_id = ? AND api_group = ? AND kind = ? AND namespace = ? AND name = ?";

    /**
     * Records of deployments on the same cluster as the asking one (bound to its id): a store can hold
     * deployments to several clusters (after a context switch), and one cluster's claims say nothing of another's.
     */
    private static final String SAME_CLUSTER = " AND COALESCE((SELECT d.cluster_uid FROM deployments d"
            + " WHERE d.id = inventory.deployment_id), '') = COALESCE((SELECT d.cluster_uid FROM deployments d"
            + " WHERE d.id = ?), '')";

    /** Tool marks as JSON (immutable once built). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;

    SqliteInventoryJournal(Database database) {
        this.database = database;
    }

    @Override
    public void intend(String deploymentId, ResourceRef ref, String partId, boolean preExisting) {
        record(deploymentId, ref, partId, preExisting, false, false);
    }

    /**
     * The intent (with {@code by_tool} set) in its own transaction, then the marks beside it, leaving the upsert
     * as it is: a crash between the two leaves the record's earlier marks (none for a new record, and recovery then
     * settles it as a plain intent); either way the tool has not run yet.
     */
    @Override
    public void intendForTool(String deploymentId, ResourceRef ref, String partId, boolean preExisting,
            ToolMarks marks) {
        record(deploymentId, ref, partId, preExisting, false, true);
        String json;
        try {
            json = JSON.writeValueAsString(Map.of("fieldManagers", marks.fieldManagers(),
                    "annotations", marks.annotations()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool marks of " + ref + " cannot be written", e);
        }
        database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inventory SET tool_marks = ? WHERE " + KEY)) {
                update.setString(1, json);
                bindKey(update, 2, deploymentId, ref);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The stored form of {@link ToolMarks}. */
    private record Marks(List<String> fieldManagers, Map<String, String> annotations) {}

    @Override
    public Optional<ToolMarks> toolMarks(String deploymentId, ResourceRef ref) {
        String json = database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT tool_marks FROM inventory WHERE by_tool = 1 AND " + KEY)) {
                bindKey(query, 1, deploymentId, ref);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
        if (json == null) {
            return Optional.empty();
        }
        try {
            Marks read = JSON.readValue(json, Marks.class);
            return Optional.of(new ToolMarks(read.fieldManagers() == null ? List.of() : read.fieldManagers(),
                    read.annotations() == null ? Map.of() : read.annotations()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the tool marks recorded for " + ref + " cannot be read: " + json, e);
        }
    }

    @Override
    public boolean intendedForTool(String deploymentId, ResourceRef ref) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM inventory WHERE by_tool = 1 AND " + KEY)) {
                bindKey(query, 1, deploymentId, ref);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** An intent, in one transaction with the check that nobody is deleting the object; {@code fresh} drops the uid. */
    private void record(String deploymentId, ResourceRef ref, String partId, boolean preExisting, boolean fresh,
            boolean byTool) {
        database.write(connection -> {
            try (PreparedStatement deleting = connection.prepareStatement(
                    "SELECT deployment_id FROM inventory WHERE deployment_id <> ? AND api_group = ? AND kind = ?"
                            + " AND namespace = ? AND name = ? AND deleting = 1" + SAME_CLUSTER + " LIMIT 1")) {
                bindKey(deleting, 1, deploymentId, ref);
                deleting.setString(6, deploymentId);
                try (ResultSet rows = deleting.executeQuery()) {
                    if (rows.next()) {
                        throw new ObjectBeingDeletedException(ref, rows.getString(1));
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO inventory(deployment_id, api_group, api_version, kind, namespace, name, uid, part_id,
                                          pre_existing, status, seq, by_tool)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 'INTENDED',
                            (SELECT COALESCE(MAX(seq), 0) + 1 FROM inventory WHERE deployment_id = ?), ?)
                    ON CONFLICT(deployment_id, api_group, kind, namespace, name) DO UPDATE SET
                      api_version = excluded.api_version,
                      part_id = excluded.part_id,
                      status = CASE WHEN ? OR inventory.status IN ('DELETED', 'LEFT_OVER') THEN 'INTENDED' ELSE inventory.status END,
                      uid = CASE WHEN ? OR inventory.status IN ('DELETED', 'LEFT_OVER') THEN NULL ELSE inventory.uid END,
                      pre_existing = excluded.pre_existing,
                      by_tool = excluded.by_tool,
                      deleting = 0,
                      reason = NULL""")) {
                insert.setString(1, deploymentId);
                insert.setString(2, ref.gvk().group());
                insert.setString(3, ref.gvk().version());
                insert.setString(4, ref.gvk().kind());
                insert.setString(5, namespaceColumn(ref));
                insert.setString(6, ref.name());
                insert.setString(7, partId);
                insert.setInt(8, preExisting ? 1 : 0);
                insert.setString(9, deploymentId);
                insert.setInt(10, byTool ? 1 : 0);
                insert.setBoolean(11, fresh);
                insert.setBoolean(12, fresh);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void reintend(String deploymentId, ResourceRef ref, String partId, boolean preExisting) {
        record(deploymentId, ref, partId, preExisting, true, false);
    }

    @Override
    public void confirm(String deploymentId, ResourceRef ref, String uid) {
        update(deploymentId, ref, "uid = ?, status = 'CONFIRMED', reason = NULL", uid);
    }

    @Override
    public void markDeleted(String deploymentId, ResourceRef ref) {
        update(deploymentId, ref, "status = 'DELETED', deleting = 0, reason = NULL", null);
    }

    @Override
    public void markLeftOver(String deploymentId, ResourceRef ref, String reason) {
        update(deploymentId, ref, "status = 'LEFT_OVER', deleting = 0, reason = ?", reason);
    }

    @Override
    public void markAllDeleting(String deploymentId, List<ResourceRef> refs) {
        updateAll(deploymentId, refs, "deleting = 1");
    }

    @Override
    public void markAllDeleted(String deploymentId, List<ResourceRef> refs) {
        updateAll(deploymentId, refs, "status = 'DELETED', deleting = 0, reason = NULL");
    }

    /** One statement per object, one transaction for all: a thousand records cost one commit, not a thousand. */
    private void updateAll(String deploymentId, List<ResourceRef> refs, String assignments) {
        if (refs.isEmpty()) {
            return;
        }
        database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inventory SET " + assignments + " WHERE " + KEY)) {
                for (ResourceRef ref : refs) {
                    bindKey(update, 1, deploymentId, ref);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void clearDeleting(String deploymentId, ResourceRef ref) {
        update(deploymentId, ref, "deleting = 0", null);
    }

    @Override
    public void forget(String deploymentId, ResourceRef ref) {
        database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM inventory WHERE " + KEY)) {
                bindKey(delete, 1, deploymentId, ref);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<InventoryEntry> entry(String deploymentId, ResourceRef ref) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM inventory WHERE " + KEY)) {
                bindKey(query, 1, deploymentId, ref);
                List<InventoryEntry> found = entries(query);
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public List<InventoryEntry> entries(String deploymentId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM inventory WHERE deployment_id = ? ORDER BY seq")) {
                query.setString(1, deploymentId);
                return entries(query);
            }
        });
    }

    @Override
    public List<InventoryEntry> claimsByOthers(String deploymentId, ResourceRef ref) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " " + """
                     FROM inventory WHERE deployment_id <> ? AND api_group = ? AND kind = ? AND namespace = ? AND name = ?
                     AND status IN ('INTENDED', 'CONFIRMED')""" + SAME_CLUSTER)) {
                bindKey(query, 1, deploymentId, ref);
                query.setString(6, deploymentId);
                return entries(query);
            }
        });
    }

    @Override
    public List<InventoryEntry> holders(ResourceRef ref) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " " + """
                     FROM inventory WHERE api_group = ? AND kind = ? AND namespace = ? AND name = ?
                     AND status IN ('INTENDED', 'CONFIRMED') ORDER BY deployment_id""")) {
                query.setString(1, ref.gvk().group());
                query.setString(2, ref.gvk().kind());
                query.setString(3, namespaceColumn(ref));
                query.setString(4, ref.name());
                return entries(query);
            }
        });
    }

    @Override
    public List<InventoryEntry> heldInNamespaceByOthers(String deploymentId, String namespace) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " " + """
                     FROM inventory WHERE deployment_id <> ? AND namespace = ? AND status IN ('INTENDED', 'CONFIRMED')
                     """ + SAME_CLUSTER + " ORDER BY deployment_id, seq")) {
                query.setString(1, deploymentId);
                query.setString(2, namespace);
                query.setString(3, deploymentId);
                return entries(query);
            }
        });
    }

    @Override
    public Optional<String> leftOverReason(String deploymentId, ResourceRef ref) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT reason FROM inventory WHERE " + KEY + " AND status = 'LEFT_OVER'")) {
                bindKey(query, 1, deploymentId, ref);
                try (java.sql.ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public List<InventoryEntry> recordsOnCluster(String clusterUid) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM inventory WHERE"
                    + " COALESCE((SELECT d.cluster_uid FROM deployments d WHERE d.id = inventory.deployment_id), ?) = ?"
                    + " ORDER BY deployment_id, seq")) {
                query.setString(1, clusterUid);
                query.setString(2, clusterUid);
                return entries(query);
            }
        });
    }

    @Override
    public Optional<String> releaseOrMarkDeleting(String deploymentId, ResourceRef ref) {
        return release(deploymentId, ref, true);
    }

    @Override
    public Optional<String> releaseIfClaimed(String deploymentId, ResourceRef ref) {
        return release(deploymentId, ref, false);
    }

    private Optional<String> release(String deploymentId, ResourceRef ref, boolean markDeleting) {
        return database.write(connection -> {
            String holder = null;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT deployment_id FROM inventory WHERE deployment_id <> ? AND api_group = ? AND kind = ?"
                            + " AND namespace = ? AND name = ? AND status IN ('INTENDED', 'CONFIRMED')" + SAME_CLUSTER
                            + " LIMIT 1")) {
                bindKey(query, 1, deploymentId, ref);
                query.setString(6, deploymentId);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        holder = rows.getString(1);
                    }
                }
            }
            if (holder == null) {
                if (markDeleting) {
                    try (PreparedStatement mark = connection.prepareStatement(
                            "UPDATE inventory SET deleting = 1 WHERE " + KEY)) {
                        bindKey(mark, 1, deploymentId, ref);
                        mark.executeUpdate();
                    }
                }
                return Optional.<String>empty();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inventory SET status = 'DELETED', reason = ? WHERE " + KEY)) {
                update.setString(1, "released to deployment " + holder);
                bindKey(update, 2, deploymentId, ref);
                update.executeUpdate();
            }
            return Optional.of(holder);
        });
    }

    @Override
    public boolean heldAsPreExisting(String deploymentId, ResourceRef ref) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM inventory WHERE api_group = ? AND kind = ? AND namespace = ? AND name = ?"
                            + " AND pre_existing = 1 AND status IN ('INTENDED', 'CONFIRMED')" + SAME_CLUSTER + " LIMIT 1")) {
                query.setString(1, ref.gvk().group());
                query.setString(2, ref.gvk().kind());
                query.setString(3, namespaceColumn(ref));
                query.setString(4, ref.name());
                query.setString(5, deploymentId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Removes every record of a deployment (when the deployment itself is deleted). */
    void purge(Connection connection, String deploymentId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM inventory WHERE deployment_id = ?")) {
            delete.setString(1, deploymentId);
            delete.executeUpdate();
        }
    }

    private void update(String deploymentId, ResourceRef ref, String assignments, String value) {
        database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inventory SET " + assignments + " WHERE " + KEY)) {
                int index = 1;
                if (value != null) {
                    update.setString(index++, value);
                }
                bindKey(update, index, deploymentId, ref);
                if (update.executeUpdate() == 0) {
                    throw new SQLException("no inventory record for " + ref + " in deployment " + deploymentId);
                }
            }
            return null;
        });
    }

    private static void bindKey(PreparedStatement statement, int first, String deploymentId, ResourceRef ref)
            throws SQLException {
        statement.setString(first, deploymentId);
        statement.setString(first + 1, ref.gvk().group());
        statement.setString(first + 2, ref.gvk().kind());
        statement.setString(first + 3, namespaceColumn(ref));
        statement.setString(first + 4, ref.name());
    }

    private static String namespaceColumn(ResourceRef ref) {
        return ref.namespace() == null ? "" : ref.namespace();
    }

    private static List<InventoryEntry> entries(PreparedStatement query) throws SQLException {
        List<InventoryEntry> entries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Gvk gvk = new Gvk(rows.getString("api_group"), rows.getString("api_version"), rows.getString("kind"));
                ResourceRef ref = new ResourceRef(gvk, rows.getString("namespace"), rows.getString("name"));
                entries.add(new InventoryEntry(rows.getString("deployment_id"), ref, rows.getString("uid"),
                        rows.getString("part_id"), rows.getInt("pre_existing") == 1,
                        InventoryStatus.valueOf(rows.getString("status"))));
            }
        }
        return entries;
    }
}

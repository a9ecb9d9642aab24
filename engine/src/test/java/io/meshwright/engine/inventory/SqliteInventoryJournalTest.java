package io.meshwright.engine.inventory;

import io.meshwright.engine.lifecycle.LifecycleMigrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.StoreException;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import io.meshwright.spi.model.Gvk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteInventoryJournalTest {

    private static final ResourceRef CONFIG = new ResourceRef(new Gvk("", "v1", "ConfigMap"), "shop", "settings");
    private static final ResourceRef CRD = new ResourceRef(
            new Gvk("apiextensions.k8s.io", "v1", "CustomResourceDefinition"), null, "widgets.example.com");

    @TempDir
    Path dir;

    @Test
    void intentIsDurableBeforeConfirmationAndConfirmationRecordsTheUid() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            new SqliteInventoryJournal(database).intend("d1", CONFIG, "settings", false);
        }
        try (Database reopened = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(reopened);
            assertThat(journal.entries("d1")).singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(InventoryStatus.INTENDED));
            journal.confirm("d1", CONFIG, "uid-1");
            InventoryEntry entry = journal.entry("d1", CONFIG).orElseThrow();
            assertThat(entry.uid()).isEqualTo("uid-1");
            assertThat(entry.status()).isEqualTo(InventoryStatus.CONFIRMED);
            assertThat(entry.ref()).isEqualTo(CONFIG);
        }
    }

    @Test
    void anIntentForAToolIsRememberedWithItsMarksAcrossARestartUntilTheApplierIntendsTheObjectItself() {
        ToolMarks marks = new ToolMarks(List.of("java"), Map.of("meta.helm.sh/release-name", "gadgets"));
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intendForTool("d1", CRD, "chart", false, marks);
            journal.intend("d1", CONFIG, "settings", false);
        }
        try (Database reopened = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(reopened);
            assertThat(journal.toolMarks("d1", CRD)).contains(marks);
            assertThat(journal.toolMarks("d1", CONFIG)).isEmpty();
            journal.intend("d1", CRD, "chart", false);
            assertThat(journal.toolMarks("d1", CRD)).as("a plain intent drops the tool's marks").isEmpty();
        }
    }

    @Test
    void aToolIntentAnOlderEngineRecordedWithoutMarksIsStillTheTools() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intendForTool("d1", CRD, "chart", false, ToolMarks.none());
            journal.intend("d1", CONFIG, "settings", false);
            // what a row written before the tool_marks column looks like: by_tool = 1, tool_marks NULL
            database.write(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE inventory SET tool_marks = NULL WHERE by_tool = 1");
                }
                return null;
            });
            assertThat(journal.toolMarks("d1", CRD)).isEmpty();
            assertThat(journal.intendedForTool("d1", CRD)).isTrue();
            assertThat(journal.intendedForTool("d1", CONFIG)).isFalse();
            journal.intend("d1", CRD, "chart", false);
            assertThat(journal.intendedForTool("d1", CRD)).as("a plain intent makes it ours").isFalse();
        }
    }

    @Test
    void reapplyingKeepsTheUidAndRecordsThePreExistingFlagTheApplierRecomputed() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intend("d1", CONFIG, "settings", true);
            journal.confirm("d1", CONFIG, "uid-1");
            journal.intend("d1", CONFIG, "settings", false);
            InventoryEntry entry = journal.entry("d1", CONFIG).orElseThrow();
            assertThat(entry.preExisting()).as("read from the live object by the applier, not kept from old records")
                    .isFalse();
            assertThat(entry.uid()).isEqualTo("uid-1");
            assertThat(entry.status()).isEqualTo(InventoryStatus.CONFIRMED);
        }
    }

    @Test
    void objectsGoingWithTheirNamespaceAreMarkedBeingDeletedThenDeletedAllAtOnce() {
        ResourceRef secret = new ResourceRef(new Gvk("", "v1", "Secret"), "shop", "token");
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intend("d1", CONFIG, "settings", false);
            journal.confirm("d1", CONFIG, "uid-1");
            journal.intend("d1", secret, "token", false);
            journal.confirm("d1", secret, "uid-2");

            journal.markAllDeleting("d1", java.util.List.of(CONFIG, secret));

            assertThatThrownBy(() -> journal.intend("d2", secret, "token", false))
                    .as("another deployment may not claim an object that is going with its namespace")
                    .isInstanceOf(ObjectBeingDeletedException.class);
            journal.markAllDeleted("d1", java.util.List.of(CONFIG, secret));
            assertThat(journal.entries("d1")).extracting(InventoryEntry::status)
                    .containsOnly(InventoryStatus.DELETED);
            journal.intend("d2", secret, "token", false);
            assertThat(journal.entry("d2", secret)).isPresent();
        }
    }

    @Test
    void claimsByOtherDeploymentsIgnoreDeletedRecordsAndTheAskingDeployment() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intend("d1", CRD, "crd", false);
            journal.intend("d2", CRD, "crd", false);
            journal.intend("d3", CRD, "crd", false);
            journal.markDeleted("d3", CRD);
            assertThat(journal.claimsByOthers("d1", CRD)).extracting(InventoryEntry::deploymentId).containsExactly("d2");
        }
    }

    @Test
    void recordsOnAClusterLeaveOutOtherClustersButKeepDeploymentsTheStoreNoLongerHolds() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            database.write(connection -> {
                try (var statement = connection.createStatement()) {
                    for (String[] row : new String[][] {{"here", "uid-here"}, {"there", "uid-there"}}) {
                        statement.executeUpdate("INSERT INTO deployments (id, design_id, design_name, cluster, state,"
                                + " design_json, options_json, created_at, updated_at, cluster_uid) VALUES ('" + row[0]
                                + "', 'd', 'd', 'c', 'DEPLOYED', '{}', '{}', 't', 't', '" + row[1] + "')");
                    }
                }
                return null;
            });
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intend("here", CONFIG, "p", false);
            journal.intend("there", CRD, "p", false);
            journal.intend("removed-from-the-store", CRD, "p", false);

            assertThat(journal.recordsOnCluster("uid-here")).extracting(InventoryEntry::deploymentId)
                    .containsExactly("here", "removed-from-the-store");
        }
    }

    @Test
    void confirmingAnObjectThatWasNeverIntendedIsAnError() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            assertThatThrownBy(() -> journal.confirm("d1", CONFIG, "uid"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("no inventory record");
        }
    }

    @Test
    void entriesKeepTheOrderTheyWereFirstRecordedIn() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intend("d1", CRD, "crd", false);
            journal.intend("d1", CONFIG, "settings", false);
            journal.forget("d1", CRD);
            journal.intend("d1", CRD, "crd", false);
            assertThat(journal.entries("d1")).extracting(InventoryEntry::ref).containsExactly(CONFIG, CRD);
        }
    }

    @Test
    void aClaimOnAnObjectAnotherDeploymentIsDeletingIsRefusedUntilTheDeleteIsSettled() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intend("a", CONFIG, "settings", false);
            journal.confirm("a", CONFIG, "uid-1");

            assertThat(journal.releaseOrMarkDeleting("a", CONFIG)).as("nobody else holds it").isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> journal.intend("b", CONFIG, "settings", false))
                    .isInstanceOf(ObjectBeingDeletedException.class).hasMessageContaining("deployment a");
            assertThat(journal.entry("b", CONFIG)).isEmpty();

            journal.markDeleted("a", CONFIG);
            journal.intend("b", CONFIG, "settings", false);
            assertThat(journal.entry("b", CONFIG)).isPresent();
        }
    }

    @Test
    void aReleaseHandsASharedObjectToTheDeploymentThatStillHoldsItInsteadOfMarkingItForDeletion() {
        try (Database database = Database.open(dir.resolve("db"), LifecycleMigrations.all())) {
            SqliteInventoryJournal journal = new SqliteInventoryJournal(database);
            journal.intend("a", CONFIG, "settings", false);
            journal.intend("b", CONFIG, "settings", false);

            assertThat(journal.releaseOrMarkDeleting("a", CONFIG)).contains("b");
            assertThat(journal.entry("a", CONFIG).orElseThrow().status()).isEqualTo(InventoryStatus.DELETED);
            journal.intend("c", CONFIG, "settings", false);
        }
    }
}

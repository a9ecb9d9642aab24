package io.meshwright.engine.lifecycle;

import io.meshwright.engine.store.Migration;
import java.util.List;

/** The lifecycle's tables: deployments, their transitions, and the inventory journal. */
public final class LifecycleMigrations {

    private LifecycleMigrations() {}

    public static List<Migration> all() {
        return List.of(new Migration("deployments", 1, """
                CREATE TABLE deployments (
                  id TEXT PRIMARY KEY,
                  design_id TEXT NOT NULL,
                  design_name TEXT NOT NULL,
                  design_version TEXT,
                  cluster TEXT NOT NULL,
                  state TEXT NOT NULL,
                  cause TEXT,
                  design_json TEXT NOT NULL,
                  options_json TEXT NOT NULL,
                  created_at TEXT NOT NULL,
                  updated_at TEXT NOT NULL);
                CREATE TABLE deployment_transitions (
                  deployment_id TEXT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  from_state TEXT,
                  to_state TEXT NOT NULL,
                  cause TEXT,
                  at TEXT NOT NULL);
                CREATE TABLE inventory (
                  deployment_id TEXT NOT NULL,
                  api_group TEXT NOT NULL,
                  api_version TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  namespace TEXT NOT NULL,
                  name TEXT NOT NULL,
                  uid TEXT,
                  part_id TEXT,
                  pre_existing INTEGER NOT NULL,
                  status TEXT NOT NULL,
                  reason TEXT,
                  seq INTEGER NOT NULL,
                  PRIMARY KEY (deployment_id, api_group, kind, namespace, name));
                CREATE INDEX inventory_by_object ON inventory(api_group, kind, namespace, name)
                """),
                // deleting: a record whose object is being deleted (a claim by another deployment is refused
                // meanwhile); part_order: the plan's part ids in deploy order, for undeploy's reverse order;
                // cluster_uid: the target cluster's identity (kube-system namespace uid), checked before any work.
                new Migration("deployments", 2, """
                ALTER TABLE inventory ADD COLUMN deleting INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE deployments ADD COLUMN part_order TEXT;
                ALTER TABLE deployments ADD COLUMN cluster_uid TEXT
                """),
                // What each part's deployer reported about what it runs (a Git commit, a Helm revision): its own
                // feature, so that it migrates apart from the deployments table's versions.
                new Migration("deployment-parts", 1, """
                CREATE TABLE deployment_part_details (
                  deployment_id TEXT NOT NULL,
                  part_id TEXT NOT NULL,
                  details_json TEXT NOT NULL,
                  PRIMARY KEY (deployment_id, part_id))
                """),
                // by_tool: an intent recorded for a tool (Helm) that creates the object itself, unlabelled; crash
                // recovery settles such an intent by the object's existence, not by the label. Its own feature, so
                // the deployments list can grow without renumbering.
                new Migration("inventory-tools", 1, """
                ALTER TABLE inventory ADD COLUMN by_tool INTEGER NOT NULL DEFAULT 0
                """),
                // tool_marks: what marks the tool's objects (managers, annotations; JSON). Recovery no longer goes
                // by existence alone: it takes an unlabelled object only when it carries one of these marks.
                new Migration("inventory-tools", 2, """
                ALTER TABLE inventory ADD COLUMN tool_marks TEXT
                """),
                // undeploy_options: what the running undeploy was asked (remove CRDs or not, ...), so that a restart
                // carries it on as asked instead of guessing.
                new Migration("undeploy-resume", 1, """
                ALTER TABLE deployments ADD COLUMN undeploy_options TEXT
                """));
    }
}

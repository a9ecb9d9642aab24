package io.meshwright.engine.sources;

import io.meshwright.engine.store.Migration;
import java.util.List;

/** The tables of feature {@code model-sources}: the last fingerprint per source, and generation schedules. */
public final class ModelSourceMigrations {

    private ModelSourceMigrations() {}

    public static List<Migration> all() {
        return List.of(new Migration("model-sources", 1, """
                CREATE TABLE model_source_fingerprints (
                  ref TEXT PRIMARY KEY,
                  source TEXT NOT NULL,
                  fingerprint TEXT NOT NULL,
                  stored_at TEXT NOT NULL);
                CREATE TABLE model_source_schedules (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  ref TEXT NOT NULL UNIQUE,
                  every_seconds INTEGER NOT NULL,
                  created_at TEXT NOT NULL,
                  last_run_at TEXT,
                  last_outcome TEXT,
                  last_message TEXT,
                  next_run_at TEXT NOT NULL)
                """));
    }
}

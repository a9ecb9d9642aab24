package io.meshwright.engine.connections;

import io.meshwright.engine.store.Migration;
import java.util.List;

/** The tables of feature {@code connections}: systems the engine reads from (Prometheus), tested when added. */
public final class ConnectionMigrations {

    private ConnectionMigrations() {}

    public static List<Migration> all() {
        return List.of(new Migration("connections", 1, """
                CREATE TABLE connections (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  type TEXT NOT NULL,
                  name TEXT NOT NULL UNIQUE,
                  url TEXT NOT NULL,
                  created_at TEXT NOT NULL,
                  version TEXT)
                """));
    }
}

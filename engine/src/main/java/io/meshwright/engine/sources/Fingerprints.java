package io.meshwright.engine.sources;

import io.meshwright.engine.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The last fingerprint stored per source ref (canonical text), and when: what a re-run compares against. */
final class Fingerprints {

    /** A stored fingerprint: {@code storedAt} is when the source last produced something new. */
    record Stored(String source, String fingerprint, Instant storedAt) {}

    private final Database database;

    Fingerprints(Database database) {
        this.database = database;
    }

    Optional<Stored> last(String ref) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT source, fingerprint, stored_at FROM model_source_fingerprints WHERE ref = ?")) {
                query.setString(1, ref);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Stored(rows.getString(1), rows.getString(2), Instant.parse(rows.getString(3))))
                            : Optional.empty();
                }
            }
        });
    }

    void store(String ref, Stored stored) {
        database.write(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO model_source_fingerprints(ref, source, fingerprint, stored_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT(ref) DO UPDATE SET source = excluded.source, "
                    + "fingerprint = excluded.fingerprint, stored_at = excluded.stored_at")) {
                upsert.setString(1, ref);
                upsert.setString(2, stored.source());
                upsert.setString(3, stored.fingerprint());
                upsert.setString(4, stored.storedAt().toString());
                upsert.executeUpdate();
            }
            return null;
        });
    }
}

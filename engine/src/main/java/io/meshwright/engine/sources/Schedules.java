package io.meshwright.engine.sources;

import io.meshwright.engine.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Generation schedules in the engine's store (table {@code model_source_schedules}). */
final class Schedules {

    private static final String COLUMNS = "id, ref, every_seconds, created_at, last_run_at, last_outcome, last_message, next_run_at";

    private final Database database;

    Schedules(Database database) {
        this.database = database;
    }

    /** Creates the schedule of {@code ref}, or sets the interval of the one it has; records the run just made. */
    Schedule put(String ref, Duration every, Instant now, Schedule.Outcome outcome) {
        return database.write(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO model_source_schedules(ref, every_seconds, created_at, "
                    + "last_run_at, last_outcome, last_message, next_run_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(ref) DO UPDATE SET "
                    + "every_seconds = excluded.every_seconds, created_at = excluded.created_at, last_run_at = excluded.last_run_at, "
                    + "last_outcome = excluded.last_outcome, last_message = excluded.last_message, next_run_at = excluded.next_run_at")) {
                upsert.setString(1, ref);
                upsert.setLong(2, every.toSeconds());
                upsert.setString(3, now.toString());
                upsert.setString(4, now.toString());
                upsert.setString(5, outcome.outcome());
                upsert.setString(6, outcome.message());
                upsert.setString(7, now.plus(every).toString());
                upsert.executeUpdate();
            }
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM model_source_schedules WHERE ref = ?")) {
                query.setString(1, ref);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return schedule(rows);
                }
            }
        });
    }

    /** Records a run of schedule {@code id} at {@code now}, due again at {@code next}. No-op when it was deleted. */
    void ran(long id, Instant now, Instant next, Schedule.Outcome outcome) {
        database.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE model_source_schedules SET last_run_at = ?, last_outcome = ?, "
                    + "last_message = ?, next_run_at = ? WHERE id = ?")) {
                update.setString(1, now.toString());
                update.setString(2, outcome.outcome());
                update.setString(3, outcome.message());
                update.setString(4, next.toString());
                update.setLong(5, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    List<Schedule> list() {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM model_source_schedules ORDER BY id");
                 ResultSet rows = query.executeQuery()) {
                List<Schedule> schedules = new ArrayList<>();
                while (rows.next()) {
                    schedules.add(schedule(rows));
                }
                return schedules;
            }
        });
    }

    Optional<Schedule> get(long id) {
        return list().stream().filter(s -> s.id() == id).findFirst();
    }

    /** Deletes schedule {@code id}; the deleted schedule, or empty when there was none. */
    Optional<Schedule> delete(long id) {
        return database.write(c -> {
            Optional<Schedule> found;
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM model_source_schedules WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    found = rows.next() ? Optional.of(schedule(rows)) : Optional.empty();
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM model_source_schedules WHERE id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            return found;
        });
    }

    private static Schedule schedule(ResultSet rows) throws SQLException {
        return new Schedule(rows.getLong(1), rows.getString(2), Duration.ofSeconds(rows.getLong(3)), Instant.parse(rows.getString(4)),
                instant(rows.getString(5)), rows.getString(6), rows.getString(7), instant(rows.getString(8)));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}

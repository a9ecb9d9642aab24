package io.meshwright.engine.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The engine's name on NATS, kept in {@code <data-dir>/nats-id} so that it survives restarts: its follower skips
 * the messages it published itself, and its durable consumer ({@code meshwright-engine-<id>}) goes on where the last
 * run stopped. Two engines with their own data folders are two publishers.
 */
public final class PublisherId {

    static final String FILE = "nats-id";

    private PublisherId() {}

    /** {@code engine-<12 hex digits>}, read from the data folder or made and stored there. */
    public static String loadOrCreate(Path dataDir, RandomGenerator random) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (id.matches("[A-Za-z0-9_-]+")) {
                    return id;
                }
                throw new IllegalStateException(file + " holds '" + id + "', not a publisher id (letters, digits, '_', '-');"
                        + " delete the file to get a new one");
            }
            byte[] bytes = new byte[6];
            random.nextBytes(bytes);
            String id = "engine-" + HexFormat.of().formatHex(bytes);
            Files.createDirectories(dataDir);
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }
}

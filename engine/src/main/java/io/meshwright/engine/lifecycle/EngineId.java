package io.meshwright.engine.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The engine's own id: a random UUID made on first start and kept in the data directory (file {@value #FILE}).
 * Stamped on every object the engine applies, it tells this engine's objects from those of another engine on the
 * same cluster, whose deployment ids can be the same (they derive from the design name). A new data directory is a
 * new engine.
 */
public final class EngineId {

    /** The file in the data directory that holds the id. */
    public static final String FILE = "engine-id";

    private EngineId() {}

    /**
     * The id kept in {@code dataDir}, made (and kept) when there is none yet.
     *
     * @throws IllegalStateException when the file holds something other than a UUID, naming the file
     */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
                Files.writeString(temporary, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
                try {
                    // No replace: when two starts race, the first id written is the one both keep.
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(temporary);
                }
            }
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            try {
                return UUID.fromString(id).toString();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": expected the engine's id (a UUID), but found \"" + id
                        + "\"; delete the file to give this engine a new id", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the engine id file " + file + ": " + e.getMessage(), e);
        }
    }
}

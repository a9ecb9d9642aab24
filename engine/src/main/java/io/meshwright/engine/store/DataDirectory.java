package io.meshwright.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The engine's data directory holds every design verbatim (Secret data included) and the API token, so it is
 * the owner's alone: created 0700, its database files created 0600 before SQLite opens them (SQLite gives its
 * {@code -wal} and {@code -shm} files the database file's mode). Modes an operator set wider are not changed,
 * but reported, so the engine can warn at start.
 */
public final class DataDirectory {

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {}

    /**
     * Creates {@code dir} (0700) and an empty {@code database} file (0600) when missing.
     *
     * @return a warning for each of {@code dir}, {@code database} (with its {@code -wal} and {@code -shm}) and
     *         {@code others} that exists and others may read, with the command that fixes it; empty on file
     *         systems without POSIX modes
     */
    /** Creates {@code dir} (and its missing parents) readable by its owner only, when it does not exist yet. */
    public static void createPrivate(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    public static List<String> secure(Path dir, Path database, List<Path> others) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return List.of();
        }
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            }
            if (!Files.exists(database)) {
                Files.createFile(database, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            }
            List<String> warnings = new ArrayList<>();
            check(dir, "700", warnings);
            List<Path> files = new ArrayList<>(List.of(database, database.resolveSibling(database.getFileName() + "-wal"),
                    database.resolveSibling(database.getFileName() + "-shm")));
            files.addAll(others);
            for (Path file : files) {
                check(file, "600", warnings);
            }
            return warnings;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + dir, e);
        }
    }

    private static void check(Path path, String mode, List<String> warnings) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        boolean wider = permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
        if (wider) {
            warnings.add(path + " is " + PosixFilePermissions.toString(permissions) + ", readable by others, though it holds "
                    + "designs (Secret data included) or the API token; fix with: chmod " + mode + " " + path);
        }
    }
}

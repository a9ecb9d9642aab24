package io.meshwright.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes control plane run directories whose owning JVM is gone, first stopping any process still listed
 * in their PID files (only when it still runs one of our binaries: PIDs get reused).
 */
final class StaleRuns {

    static final String OWNER_FILE = "owner.pid";

    private StaleRuns() {
    }

    static void reap(Path runsRoot, Path binDir) {
        if (!Files.isDirectory(runsRoot)) {
            return;
        }
        try (Stream<Path> runs = Files.list(runsRoot)) {
            runs.filter(Files::isDirectory).filter(StaleRuns::ownerGone).forEach(dir -> clean(dir, binDir));
        } catch (IOException e) {
            // Best effort: a stale directory costs disk space, not correctness.
        }
    }

    private static boolean ownerGone(Path dir) {
        Optional<Long> owner = readPid(dir.resolve(OWNER_FILE));
        if (owner.isEmpty()) {
            // Another JVM may be between creating the directory and writing its owner file.
            return olderThanAMinute(dir);
        }
        return owner.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty();
    }

    private static boolean olderThanAMinute(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 60_000;
        } catch (IOException e) {
            return false;
        }
    }

    private static void clean(Path dir, Path binDir) {
        Path run = dir.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> pidFiles = Files.list(run)) {
                List<ProcessHandle> ours = pidFiles.filter(p -> p.toString().endsWith(".pid"))
                        .map(StaleRuns::readPid).flatMap(Optional::stream)
                        .map(ProcessHandle::of).flatMap(Optional::stream)
                        .filter(h -> h.info().command().map(c -> c.startsWith(binDir.toString())).orElse(false))
                        .toList();
                ours.forEach(ProcessHandle::destroyForcibly);
                ours.forEach(h -> h.onExit().join());
            } catch (IOException e) {
                return;
            }
        }
        deleteTree(dir);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftover files are reaped on the next run.
        }
    }
}

package io.meshwright.engine.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named moments in the journaling applier where a crash matters most (after an intent is committed, after the
 * write reached the API server but before its confirmation, in the middle of an undeploy). In production
 * nothing happens there. A crash test (the {@code DeployerContract} in testkit) starts a real engine with one
 * point armed: when the engine reaches it the {@code n}-th time, it writes a marker file and stops dead, so the
 * test can kill it with SIGKILL at exactly that moment and check that a restart settles every record.
 */
public final class CrashPoints {

    /** The moments, by the names the system property uses. */
    public enum Point { AFTER_INTENT, AFTER_WRITE, AFTER_CONFIRM, MID_UNDEPLOY }

    private static final CrashPoints NONE = new CrashPoints(null, 0, null);

    private final Point armed;
    private final int nth;
    private final Path marker;
    private final AtomicInteger reached = new AtomicInteger();

    private CrashPoints(Point armed, int nth, Path marker) {
        this.armed = armed;
        this.nth = nth;
        this.marker = marker;
    }

    /** No crash points: what the engine runs with unless a test arms one. */
    public static CrashPoints none() {
        return NONE;
    }

    /**
     * From {@code spec} ({@code after-intent}, {@code after-write:3}, …: the point and how many times it is
     * passed before it halts, 1 by default) and the marker file to write when it halts; none when spec is empty.
     */
    public static CrashPoints parse(String spec, Path marker) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        String[] parts = spec.trim().split(":");
        Point point = Point.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        int nth = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
        return new CrashPoints(point, nth, marker);
    }

    /** Called at {@code point}; halts (never returns) when it is the armed point's n-th pass. */
    void reached(Point point) {
        if (point != armed || reached.incrementAndGet() != nth) {
            return;
        }
        try {
            if (marker != null) {
                Files.writeString(marker, point.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Wait for the SIGKILL the test sends; never carry on past the point.
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting: an interrupt must not let the work go on
            }
        }
    }
}

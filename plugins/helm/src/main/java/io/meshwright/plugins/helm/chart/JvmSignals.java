package io.meshwright.plugins.helm.chart;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Gives SIGTERM and SIGINT back to the JVM after a call into Helm. Helm's library is Go, and the Go code in it asks
 * for these signals ({@code os/signal.Notify}) the first time it runs; from then on the Go runtime takes them and
 * nothing reads them, so {@code kill}, Ctrl-C, systemd or a pod stop no longer stop the engine (measured with
 * helm-java 0.0.21: after one client-side render the JVM ignored SIGTERM until SIGKILL). Registering a handler
 * re-installs the JVM's own signal handler over Go's; the handler does what the JVM does by default: exit with
 * 128 + the signal's number, which runs the shutdown hooks (the engine's graceful drain).
 *
 * <p>A signal the process ignored when this class was loaded (a background job's SIGINT) stays ignored. SIGQUIT
 * (thread dumps, {@code jstack}) cannot be given back: the JVM reserves it, and Go keeps it.
 */
final class JvmSignals {

    private static final List<String> SHUTDOWN_SIGNALS = List.of("TERM", "INT");
    private static final SignalHandler EXIT = signal -> Runtime.getRuntime().exit(128 + signal.getNumber());
    /** Read once, before this plugin's first call into Helm ({@link HelmCalls} reclaims before and after each). */
    private static final Set<String> IGNORED = ignoredNow();

    private JvmSignals() {}

    /** Re-installs the JVM's handling of SIGTERM and SIGINT, unless the process ignored them from the start. */
    static void reclaim() {
        for (String name : SHUTDOWN_SIGNALS) {
            if (IGNORED.contains(name)) {
                continue;
            }
            try {
                Signal.handle(new Signal(name), EXIT);
            } catch (IllegalArgumentException e) {
                // The JVM runs with -Xrs (reduced signal use), or the platform lacks the signal: nothing to give back.
            }
        }
    }

    /**
     * The shutdown signals the process ignores now, from the kernel's own record ({@code SigIgn} in
     * {@code /proc/self/status}; Helm's library exists for Linux only). Asking through {@link Signal#handle} would
     * need a handler swap, and the JVM refuses to install a handler over an ignored signal, so that probe itself
     * would leave the signal ignored.
     */
    private static Set<String> ignoredNow() {
        long mask = 0;
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Set.of(); // not Linux as expected: take nothing for ignored
        }
        Set<String> ignored = new HashSet<>();
        for (String name : SHUTDOWN_SIGNALS) {
            try {
                int number = new Signal(name).getNumber();
                if ((mask & (1L << (number - 1))) != 0) {
                    ignored.add(name);
                }
            } catch (IllegalArgumentException e) {
                ignored.add(name);
            }
        }
        return Set.copyOf(ignored);
    }
}

package io.meshwright.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of one control plane, started in order and stopped in reverse order. Each writes its output
 * to {@code logs/<name>.log} and its PID to {@code run/<name>.pid}, so that a later run can clean up after a
 * JVM that died without its shutdown hook. A small watchdog process stops them all when this JVM
 * disappears (even by SIGKILL, when no shutdown hook runs).
 */
final class ManagedProcesses {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Path directory;
    private final Path logs;
    private final Path run;
    private final List<Named> started = new ArrayList<>();
    private Process watchdog;

    record Named(String name, Process process, List<String> command) { }

    ManagedProcesses(Path directory) {
        this.directory = directory;
        this.logs = directory.resolve("logs");
        this.run = directory.resolve("run");
        try {
            Files.createDirectories(logs);
            Files.createDirectories(run);
        } catch (IOException e) {
            throw new ControlPlaneException("Cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    synchronized Process start(String name, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log(name).toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            started.add(new Named(name, process, List.copyOf(command)));
            Files.writeString(run.resolve(name + ".pid"), process.pid() + "\n");
            restartWatchdog();
            return process;
        } catch (IOException e) {
            throw new ControlPlaneException("Cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the process started as {@code name} (SIGTERM, then SIGKILL after the grace) and starts it again with
     * the same command, in the same place of the stop order; returns the new process.
     */
    synchronized Process restart(String name) {
        int index = -1;
        for (int i = 0; i < started.size(); i++) {
            if (started.get(i).name().equals(name)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new ControlPlaneException("no process named " + name + " was started");
        }
        Named old = started.get(index);
        stop(old.process());
        try {
            Process process = new ProcessBuilder(old.command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            started.set(index, new Named(name, process, old.command()));
            Files.writeString(run.resolve(name + ".pid"), process.pid() + "\n");
            restartWatchdog();
            return process;
        } catch (IOException e) {
            throw new ControlPlaneException("Cannot restart " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops every started process: SIGTERM, up to 10 s grace, then SIGKILL; children first. */
    synchronized void stopAll() {
        stopWatchdog();
        for (Named named : started.reversed()) {
            stop(named.process());
            try {
                Files.deleteIfExists(run.resolve(named.name() + ".pid"));
            } catch (IOException e) {
                // The directory is removed right after; a stale PID file is harmless (PIDs are checked).
            }
        }
        started.clear();
    }

    private static void stop(Process process) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * The watchdog polls this JVM's PID and, once it is gone, TERMs then KILLs the recorded PIDs and removes
     * the run directory.
     */
    private void restartWatchdog() throws IOException {
        stopWatchdog();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "jvm=$1; dir=$2; shift 2; while kill -0 \"$jvm\" 2>/dev/null; do sleep 1; done;"
                        + " kill -TERM \"$@\" 2>/dev/null; sleep 5; kill -KILL \"$@\" 2>/dev/null; rm -rf \"$dir\"",
                "meshwright-watchdog", Long.toString(ProcessHandle.current().pid()), directory.toString()));
        started.forEach(named -> command.add(Long.toString(named.process().pid())));
        watchdog = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private void stopWatchdog() {
        if (watchdog != null) {
            // Its only child is an occasional `sleep`; kill both so nothing lingers.
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
            watchdog = null;
        }
    }

    synchronized Process process(String name) {
        return started.stream().filter(named -> named.name().equals(name)).map(Named::process).findFirst()
                .orElseThrow(() -> new ControlPlaneException("no process named " + name + " was started"));
    }

    synchronized Process lastStarted() {
        return started.getLast().process();
    }

    synchronized List<Long> pids() {
        return started.stream().map(named -> named.process().pid()).toList();
    }
}

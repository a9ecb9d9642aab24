package io.meshwright.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The three executables of the local control plane, as {@code testbed/cluster provision} caches them under
 * {@code ${MESHWRIGHT_CACHE:-~/.cache/meshwright}/k8s-1.20.2/bin}.
 */
record ControlPlaneBinaries(Path etcd, Path apiServer, Path controllerManager) {

    static final String KUBERNETES_VERSION = "1.20.2";
    private static final String SCRIPT = "testbed/cluster";

    static ControlPlaneBinaries in(Path binDir) {
        return new ControlPlaneBinaries(binDir.resolve("etcd"), binDir.resolve("kube-apiserver"),
                binDir.resolve("kube-controller-manager"));
    }

    static Path binDir(Path cache) {
        return cache.resolve("k8s-" + KUBERNETES_VERSION).resolve("bin");
    }

    List<Path> all() {
        return List.of(etcd, apiServer, controllerManager);
    }

    boolean present() {
        return all().stream().allMatch(Files::isExecutable);
    }

    /**
     * The cached binaries; when they are missing, runs the repository's {@code testbed/cluster provision}
     * (found by walking up from {@code workingDir}), which builds them once (4-15 minutes).
     */
    static ControlPlaneBinaries cachedOrProvision(Path cache, Path workingDir, Map<String, String> env) {
        ControlPlaneBinaries binaries = in(binDir(cache));
        if (binaries.present()) {
            return binaries;
        }
        Path script = findScript(workingDir).orElseThrow(() -> new ControlPlaneException(
                "The Kubernetes control plane binaries are missing from " + binDir(cache)
                        + " and no " + SCRIPT + " was found above " + workingDir
                        + ". Run 'testbed/cluster provision' from the Meshwright repository (one time: ~4 min on 2 idle cores, up to ~15 min on a busy machine),"
                        + " or set MESHWRIGHT_KUBECONFIG to use an existing cluster."));
        provision(script, cache, env);
        if (!binaries.present()) {
            throw new ControlPlaneException(script + " provision finished but " + binDir(cache)
                    + " still lacks etcd, kube-apiserver or kube-controller-manager; see "
                    + cache.resolve("k8s-" + KUBERNETES_VERSION).resolve("provision.log"));
        }
        return binaries;
    }

    static Optional<Path> findScript(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void provision(Path script, Path cache, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "provision")
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        builder.environment().put("MESHWRIGHT_CACHE", cache.toString());
        try {
            Process process = builder.start();
            // A cold build takes minutes; an hour means something hangs.
            if (!process.waitFor(60, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new ControlPlaneException(script + " provision did not finish within 60 minutes");
            }
            if (process.exitValue() != 0) {
                throw new ControlPlaneException(script + " provision failed (exit " + process.exitValue()
                        + "); its output above says why. Fix that and run 'testbed/cluster provision' again.");
            }
        } catch (IOException e) {
            throw new ControlPlaneException("Cannot run " + script + " provision: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException("Interrupted while provisioning the control plane", e);
        }
    }
}

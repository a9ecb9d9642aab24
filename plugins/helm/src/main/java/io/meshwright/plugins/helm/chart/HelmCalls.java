package io.meshwright.plugins.helm.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.UninstallCommand;
import com.marcnuri.helm.UpgradeCommand;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Helm itself, through its Java binding: every call goes through here so that the binding finds its native
 * library. The binding looks the library up with {@link java.util.ServiceLoader} on the thread's context class
 * loader, which inside the engine is the engine's, not this plugin's: without switching it, the binding would
 * not find the bundled library and would try to download one from Maven Central. After each call the JVM takes its
 * shutdown signals back from Helm's Go runtime ({@link JvmSignals}).
 */
public final class HelmCalls {

    /** How an install or upgrade should behave. */
    public record Options(boolean createNamespace, boolean disableOpenApiValidation, boolean atomic, int timeoutSeconds) {}

    /** Renders the chart client-side, hooks and {@code crds/} included, as Helm would install it. */
    public String template(ResolvedChart chart, String release, String namespace, Path values) {
        return template(chart, release, namespace, values, null);
    }

    /**
     * {@link #template}, with {@code .Capabilities.KubeVersion} set to {@code kubeVersion} (the target server's, e.g.
     * {@code v1.20.2}) instead of Helm's built-in default, so that templates gated on it render as the install will;
     * {@code null} keeps Helm's default.
     */
    public String template(ResolvedChart chart, String release, String namespace, Path values, String kubeVersion) {
        return call(() -> {
            TemplateCommand command = new Helm(chart.local()).template();
            command.withName(release).withNamespace(namespace);
            if (kubeVersion != null) {
                command.withKubeVersion(kubeVersion);
            }
            if (values != null) {
                command.withValuesFile(values);
            }
            return command.call();
        });
    }

    /**
     * The chart's hook objects, rendered with the same values. The binding's {@code template} leaves hooks out, so
     * a copy of the chart whose hook annotations are renamed renders them as plain objects (same names, same
     * content otherwise). Hooks must be known before Helm runs: the inventory records an object's intent before it
     * exists. Covers hooks of the chart and of its subcharts, packed ({@code charts/*.tgz}, expanded by
     * {@link ChartFiles} into folders in the copy) or not. {@code kubeVersion} as for
     * {@link #template(ResolvedChart, String, String, Path, String)}.
     */
    public java.util.List<java.util.Map<String, Object>> hooks(ResolvedChart chart, String release, String namespace, Path values,
            String kubeVersion) {
        ChartFiles files = ChartFiles.read(chart.local());
        java.util.Set<String> hookTemplates = new java.util.HashSet<>();
        files.files().forEach((path, bytes) -> {
            if (path.contains("templates/") && new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains(HOOK)) {
                hookTemplates.add(path);
            }
        });
        if (hookTemplates.isEmpty()) {
            return java.util.List.of();
        }
        Path copy = null;
        try {
            copy = java.nio.file.Files.createTempDirectory("meshwright-helm-hooks").resolve(chart.local().getFileName().toString()
                    .replaceAll("\\.tgz$", ""));
            for (var file : files.files().entrySet()) {
                Path target = copy.resolve(file.getKey());
                java.nio.file.Files.createDirectories(target.getParent());
                byte[] content = file.getValue();
                if (hookTemplates.contains(file.getKey())) {
                    content = new String(content, java.nio.charset.StandardCharsets.UTF_8).replace(HOOK, RENAMED_HOOK)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                java.nio.file.Files.write(target, content);
            }
            ResolvedChart renamed = new ResolvedChart(copy, chart.source());
            return Yaml.documents(template(renamed, release, namespace, values, kubeVersion)).stream()
                    .filter(o -> Yaml.mapAt(o, "metadata", "annotations").containsKey(RENAMED_HOOK)).toList();
        } catch (java.io.IOException e) {
            throw new ChartException("cannot render the hooks of " + chart.source() + ": " + e.getMessage(), e);
        } finally {
            if (copy != null) {
                deleteTree(copy.getParent());
            }
        }
    }

    private static final String HOOK = "helm.sh/hook";
    private static final String RENAMED_HOOK = "meshwright.io/helm-hook";

    private static void deleteTree(Path root) {
        try (var walk = java.nio.file.Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary folder; the OS cleans its temp folder
        }
    }

    /**
     * The CRDs of the chart's {@code crds/} folders (its own and its subcharts', packed or not), which Helm installs before the
     * templates and which {@code template} does not render.
     */
    public java.util.List<java.util.Map<String, Object>> crds(ResolvedChart chart) {
        ChartFiles files = ChartFiles.read(chart.local());
        java.util.List<java.util.Map<String, Object>> crds = new java.util.ArrayList<>();
        files.files().keySet().stream().filter(HelmCalls::isCrdFile)
                .forEach(path -> crds.addAll(Yaml.documents(files.text(path))));
        return crds;
    }

    private static boolean isCrdFile(String path) {
        boolean yaml = path.endsWith(".yaml") || path.endsWith(".yml") || path.endsWith(".json");
        return yaml && (path.startsWith("crds/") || path.matches("(charts/[^/]+/)+crds/.*"));
    }

    /** Installs; with {@code dryRun}, a server-side dry run that checks kubeVersion and validation and writes nothing. */
    public Release install(ResolvedChart chart, String release, String namespace, Path values, String kubeconfig,
            Options options, boolean dryRun) {
        return call(() -> {
            InstallCommand command = new Helm(chart.local()).install();
            command.withName(release).withNamespace(namespace).withKubeConfigContents(kubeconfig);
            if (values != null) {
                command.withValuesFile(values);
            }
            if (options.createNamespace()) {
                command.createNamespace();
            }
            if (options.disableOpenApiValidation()) {
                command.disableOpenApiValidation();
            }
            if (options.atomic()) {
                command.atomic();
            }
            if (options.timeoutSeconds() > 0) {
                command.withTimeout(options.timeoutSeconds());
            }
            if (dryRun) {
                command.dryRun().withDryRunOption(com.marcnuri.helm.DryRun.SERVER);
            }
            return command.call();
        });
    }

    public Release upgrade(ResolvedChart chart, String release, String namespace, Path values, String kubeconfig,
            Options options) {
        return call(() -> {
            UpgradeCommand command = new Helm(chart.local()).upgrade();
            command.withName(release).withNamespace(namespace).withKubeConfigContents(kubeconfig).resetValues();
            if (values != null) {
                command.withValuesFile(values);
            }
            if (options.disableOpenApiValidation()) {
                command.disableOpenApiValidation();
            }
            if (options.atomic()) {
                command.atomic();
            }
            if (options.timeoutSeconds() > 0) {
                command.withTimeout(options.timeoutSeconds());
            }
            return command.call();
        });
    }

    /** Helm's uninstall; a release that does not exist is not an error. */
    public String uninstall(String release, String namespace, String kubeconfig) {
        return call(() -> {
            UninstallCommand command = Helm.uninstall(release).withNamespace(namespace).withKubeConfigContents(kubeconfig)
                    .ignoreNotFound();
            return command.call();
        });
    }

    /** The release's latest revision, or empty when there is none. */
    public Optional<Release> status(String release, String namespace, String kubeconfig) {
        try {
            return Optional.of(call(() -> Helm.status(release).withNamespace(namespace).withKubeConfigContents(kubeconfig).call()));
        } catch (HelmException e) {
            if (e.getMessage() != null && e.getMessage().contains("not found")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Runs {@code work} with this plugin's class loader as the context class loader; Helm's errors become {@link HelmException}. */
    public static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HelmCalls.class.getClassLoader());
        JvmSignals.reclaim(); // the first time, before Helm's Go runtime is loaded: reads which signals are ignored
        try {
            return work.get();
        } catch (IllegalStateException e) {
            throw new HelmException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
            JvmSignals.reclaim();
        }
    }

    /** Helm refused or failed; the message is Helm's own. */
    public static final class HelmException extends RuntimeException {
        public HelmException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package io.meshwright.plugins.helm;

import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.SourceRef;
import java.nio.file.Path;
import java.util.Map;

/** The test charts under {@code testbed/charts} and design parts that name them. */
public final class Charts {

    public static final Gvk CHART = new Gvk("helm.meshwright.io", "v1", "Chart");

    private Charts() {}

    public static Path dir(String name) {
        return Path.of(System.getProperty("meshwright.helm.charts", "../../testbed/charts")).resolve(name).toAbsolutePath().normalize();
    }

    /**
     * A copy of the {@code packed} chart under {@code work} with {@code packed-sub} packed by Helm into its
     * {@code charts/} (as {@code helm dependency build} leaves a chart): the archive is built, never committed.
     */
    public static Path packed(Path work) throws java.io.IOException {
        Path copy = work.resolve("packed");
        try (var walk = java.nio.file.Files.walk(dir("packed"))) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                Path target = copy.resolve(dir("packed").relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target);
                }
            }
        }
        Path charts = java.nio.file.Files.createDirectories(copy.resolve("charts"));
        io.meshwright.plugins.helm.chart.HelmCalls.call(() -> new com.marcnuri.helm.Helm(dir("packed-sub")).packageIt()
                .withDestination(charts).call());
        return copy;
    }

    /** A design part whose component names {@code source} (a {@code helm:} location) with {@code values}. */
    public static DeploymentPart part(String deploymentId, String component, String source, String namespace,
            Map<String, Object> values, Map<String, String> options) {
        ComponentDeclaration declaration = new ComponentDeclaration(component, component, null, CHART, namespace, values,
                null, false, new SourceRef("helm", source, null, null, options), null);
        return new DeploymentPart(deploymentId, declaration, namespace);
    }
}

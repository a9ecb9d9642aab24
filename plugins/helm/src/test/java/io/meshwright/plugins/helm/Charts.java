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

    /** A design part whose component names {@code source} (a {@code helm:} location) with {@code values}. */
    public static DeploymentPart part(String deploymentId, String component, String source, String namespace,
            Map<String, Object> values, Map<String, String> options) {
        ComponentDeclaration declaration = new ComponentDeclaration(component, component, null, CHART, namespace, values,
                null, false, new SourceRef("helm", source, null, null, options), null);
        return new DeploymentPart(deploymentId, declaration, namespace);
    }
}

package io.meshwright.plugins.helm.deploy;

import io.meshwright.plugins.helm.chart.ChartSource;
import io.meshwright.plugins.helm.chart.ChartSources;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.SourceRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A design part as a Helm release: which chart, which release name and namespace, which values and how.
 *
 * <p>A component names its chart either by its {@code source} ({@code helm:...}) or, being the chart component
 * of a chart model ({@link #CHART_GROUP}), through its model's recorded source ({@code metadata.source_uri}).
 * Its configuration is the values. Source options: {@code atomic} (roll back a failed upgrade),
 * {@code disableOpenApiValidation} (let CRDs with CEL rules onto servers older than 1.25), {@code timeout} (seconds).
 */
public record HelmPart(String release, String namespace, ChartSource chart, Map<String, Object> values,
        boolean atomic, boolean disableOpenApiValidation, int timeoutSeconds) {

    /** The API group of a chart model's chart component ({@code helm.meshwright.io/v1 Chart}). */
    public static final String CHART_GROUP = "helm.meshwright.io";
    public static final String CHART_KIND = "Chart";

    static boolean names(ComponentDeclaration component) {
        return component.source() != null ? ChartSources.TYPE.equals(component.source().type())
                : CHART_GROUP.equals(component.gvk().group()) && CHART_KIND.equals(component.gvk().kind());
    }

    static HelmPart of(DeploymentPart part, RegistryView registry) {
        ComponentDeclaration component = part.component();
        SourceRef source = component.source() != null ? component.source() : modelSource(component, registry);
        String namespace = component.namespace() != null ? component.namespace()
                : part.defaultNamespace() != null ? part.defaultNamespace() : "default";
        Map<String, Object> values = new LinkedHashMap<>(component.configuration());
        return new HelmPart(ReleaseName.of(part.deploymentId(), component.id(), component.name()), namespace,
                ChartSources.parse(source), values, flag(source, "atomic"), flag(source, "disableOpenApiValidation"),
                Integer.parseInt(source.options().getOrDefault("timeout", "300")));
    }

    private static SourceRef modelSource(ComponentDeclaration component, RegistryView registry) {
        if (component.model() == null || registry == null) {
            throw new IllegalArgumentException("component " + component.id() + " is a chart component but names no"
                    + " model to find its chart in; give it a source: helm:CHART");
        }
        Optional<Model> model = registry.model(component.model());
        Object uri = model.map(m -> m.metadata().get("source_uri")).orElse(null);
        if (uri == null || !String.valueOf(uri).startsWith(ChartSources.TYPE + ":")) {
            throw new IllegalArgumentException("component " + component.id() + ": model " + component.model()
                    + (model.isEmpty() ? " is not in the registry" : " records no helm: source (metadata.source_uri)")
                    + "; generate it with model generate --from helm:CHART, or give the component a source");
        }
        return ChartSources.ref(String.valueOf(uri));
    }

    private static boolean flag(SourceRef source, String name) {
        return Boolean.parseBoolean(source.options().getOrDefault(name, "false"));
    }
}

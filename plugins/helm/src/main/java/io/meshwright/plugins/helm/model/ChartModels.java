package io.meshwright.plugins.helm.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.plugins.helm.chart.ChartException;
import io.meshwright.plugins.helm.chart.Yaml;
import io.meshwright.plugins.helm.deploy.HelmPart;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart as a model: named after {@code Chart.yaml} (version and upstream version = the chart's version), with
 * a component per CRD version the chart serves (from {@code crds/} and from templates that render CRDs) carrying
 * its {@code openAPIV3Schema}, and one chart component ({@code helm.meshwright.io/v1 Chart}) whose schema is the
 * chart's {@code values.schema.json}, or one inferred from {@code values.yaml}. The model records its source
 * ({@code metadata.source_uri}) so a design can deploy it and {@code --install-dependencies} can install it.
 */
final class ChartModels {

    static final String REGISTRANT = "helm";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartModels() {}

    /** What a chart offers: its metadata, values, optional schema, and the CRDs it installs or renders. */
    record Chart(Map<String, Object> chartYaml, Map<String, Object> values, String valuesSchemaJson,
            List<Map<String, Object>> crds, String source, String fingerprint) {}

    static ModelBundle bundle(Chart chart, List<Problem> problems) {
        String name = Yaml.string(chart.chartYaml(), "name");
        String version = Yaml.string(chart.chartYaml(), "version");
        if (name == null || version == null) {
            throw new ChartException(chart.source() + ": Chart.yaml needs a name and a version");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source_uri", chart.source());
        metadata.put("fingerprint", chart.fingerprint());
        putIfSet(metadata, "appVersion", Yaml.string(chart.chartYaml(), "appVersion"));
        putIfSet(metadata, "kubeVersion", Yaml.string(chart.chartYaml(), "kubeVersion"));
        putIfSet(metadata, "description", Yaml.string(chart.chartYaml(), "description"));
        Model model = new Model(name, version, version, name, "Helm chart", REGISTRANT, ModelStatus.ENABLED, metadata);
        ModelRef ref = model.ref();
        List<ComponentDefinition> components = new ArrayList<>();
        components.add(new ComponentDefinition(ref, "v1.0.0", new Gvk(HelmPart.CHART_GROUP, "v1", HelmPart.CHART_KIND),
                true, name + " (chart)", valuesSchema(chart, problems), List.of("configuration")));
        for (Map<String, Object> crd : chart.crds()) {
            components.addAll(crdComponents(ref, crd, chart.source(), problems));
        }
        return new ModelBundle(model, components, List.of());
    }

    private static Map<String, Object> valuesSchema(Chart chart, List<Problem> problems) {
        if (chart.valuesSchemaJson() != null) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> schema = JSON.readValue(chart.valuesSchemaJson(), Map.class);
                return schema;
            } catch (IOException e) {
                problems.add(Problem.warning("helm.valuesSchema", "values.schema.json of " + chart.source()
                        + " is not valid JSON (" + e.getMessage() + "); the schema is inferred from values.yaml instead",
                        Location.of(chart.source())));
            }
        }
        return ValuesSchema.infer(chart.values());
    }

    private static List<ComponentDefinition> crdComponents(ModelRef model, Map<String, Object> crd, String source,
            List<Problem> problems) {
        String group = Yaml.string(crd, "spec", "group");
        String kind = Yaml.string(crd, "spec", "names", "kind");
        boolean namespaced = !"Cluster".equals(Yaml.string(crd, "spec", "scope"));
        List<ComponentDefinition> components = new ArrayList<>();
        if (group == null || kind == null || !(Yaml.at(crd, "spec", "versions") instanceof List<?> versions)) {
            problems.add(Problem.warning("helm.crd.unreadable", "CRD " + Yaml.string(crd, "metadata", "name") + " in "
                    + source + " has no spec.group, spec.names.kind or spec.versions; skipped", Location.of(source)));
            return components;
        }
        for (Object entry : versions) {
            if (!(entry instanceof Map<?, ?> raw)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> version = (Map<String, Object>) raw;
            if (Boolean.FALSE.equals(version.get("served"))) {
                continue;
            }
            Map<String, Object> schema = Yaml.mapAt(version, "schema", "openAPIV3Schema");
            components.add(new ComponentDefinition(model, "v1.0.0", new Gvk(group, String.valueOf(version.get("name")), kind),
                    namespaced, kind, schema, List.of()));
        }
        return components;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}

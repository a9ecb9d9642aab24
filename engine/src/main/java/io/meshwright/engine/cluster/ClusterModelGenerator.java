package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates models from what a cluster serves (registrant {@code cluster}): one model {@code kubernetes},
 * versioned as the server, for the built-in kinds (schemas from the server's OpenAPI v2 definitions), and one
 * model per CRD API group, with each served version's {@code openAPIV3Schema} as its component's schema.
 *
 * <p>Three reads in all, whatever the number of CRDs: discovery, the CRD list, and {@code /openapi/v2}
 * (streamed, keeping only the built-in definitions).
 */
public final class ClusterModelGenerator {

    /** The registrant of generated models. */
    public static final String REGISTRANT = "cluster";
    static final String DEFINITION_VERSION = "v1.0.0";

    private final KubeApi api;
    private final Discovery discovery;

    public ClusterModelGenerator(KubernetesClient client, Discovery discovery) {
        this(ClusterAccess.api(client), discovery);
    }

    ClusterModelGenerator(KubeApi api, Discovery discovery) {
        this.api = api;
        this.discovery = discovery;
    }

    /** The {@code kubernetes} model first, then one model per CRD group, sorted by group. */
    public List<ModelBundle> generate() {
        discovery.refresh();
        String serverVersion = api.getTree("/version").flatMap(v -> ObjectTree.string(v, "gitVersion")).orElse("unknown");
        List<Map<String, Object>> crds = ObjectTree.maps(
                api.getTree("/apis/apiextensions.k8s.io/v1/customresourcedefinitions").orElse(Map.of()), "items");
        Set<String> crdGroups = new HashSet<>();
        crds.forEach(crd -> crdGroups.add(ObjectTree.string(crd, "spec", "group").orElse("")));

        List<ModelBundle> bundles = new ArrayList<>();
        bundles.add(builtIns(serverVersion, crdGroups));
        Map<String, List<Map<String, Object>>> byGroup = new TreeMap<>();
        crds.forEach(crd -> byGroup.computeIfAbsent(ObjectTree.string(crd, "spec", "group").orElse(""),
                g -> new ArrayList<>()).add(crd));
        byGroup.forEach((group, definitions) -> bundles.add(crdModel(group, definitions)));
        return bundles;
    }

    /**
     * One model per CRD group holding only the CRDs that serve {@code groupKinds} ({@code Kind.group}): the models of
     * kinds the sync found without a definition. One read (the CRD list); none when no CRD serves them.
     */
    public List<ModelBundle> crdModels(Set<String> groupKinds) {
        List<Map<String, Object>> crds = ObjectTree.maps(
                api.getTree("/apis/apiextensions.k8s.io/v1/customresourcedefinitions").orElse(Map.of()), "items");
        Map<String, List<Map<String, Object>>> byGroup = new TreeMap<>();
        for (Map<String, Object> crd : crds) {
            String group = ObjectTree.string(crd, "spec", "group").orElse("");
            String kind = ObjectTree.string(crd, "spec", "names", "kind").orElse("");
            if (groupKinds.contains(kind + "." + group)) {
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(crd);
            }
        }
        List<ModelBundle> bundles = new ArrayList<>();
        byGroup.forEach((group, definitions) -> bundles.add(crdModel(group, definitions)));
        return bundles;
    }

    private ModelBundle builtIns(String serverVersion, Set<String> crdGroups) {
        ApiResponse document = api.get("/openapi/v2");
        OpenApiDefinitions definitions = document.ok()
                ? OpenApiDefinitions.parse(document.body(), api.json(), name -> name.startsWith("io.k8s."))
                : OpenApiDefinitions.parse("{}", api.json(), name -> false);
        Model model = new Model("kubernetes", serverVersion, serverVersion, "Kubernetes",
                "Orchestration & Management", REGISTRANT, ModelStatus.ENABLED,
                Map.of("source", "built-in kinds served by the cluster"));
        List<ComponentDefinition> components = new ArrayList<>();
        for (ServedResource resource : discovery.resources()) {
            Gvk gvk = resource.gvk();
            if (crdGroups.contains(gvk.group())) {
                continue;
            }
            components.add(new ComponentDefinition(model.ref(), DEFINITION_VERSION, gvk, resource.namespaced(),
                    gvk.kind(), definitions.schema(gvk).orElse(Map.of()), List.of()));
        }
        return new ModelBundle(model, components, List.of());
    }

    private static ModelBundle crdModel(String group, List<Map<String, Object>> crds) {
        String version = upstreamVersion(crds);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source", "CustomResourceDefinitions served by the cluster");
        metadata.put("crds", crds.stream().map(c -> ObjectTree.string(c, "metadata", "name").orElse("")).sorted().toList());
        Model model = new Model(group, version, version, group, "Uncategorized", REGISTRANT, ModelStatus.ENABLED,
                metadata);
        ModelRef ref = model.ref();
        List<ComponentDefinition> components = new ArrayList<>();
        for (Map<String, Object> crd : crds) {
            String kind = ObjectTree.string(crd, "spec", "names", "kind").orElse("");
            boolean namespaced = "Namespaced".equals(ObjectTree.string(crd, "spec", "scope").orElse("Namespaced"));
            Map<String, Object> sharedSchema = ObjectTree.map(crd, "spec", "validation", "openAPIV3Schema");
            for (Map<String, Object> served : ObjectTree.maps(crd, "spec", "versions")) {
                if (!Boolean.TRUE.equals(served.get("served"))) {
                    continue;
                }
                Map<String, Object> schema = ObjectTree.map(served, "schema", "openAPIV3Schema");
                components.add(new ComponentDefinition(ref, DEFINITION_VERSION,
                        new Gvk(group, String.valueOf(served.get("name")), kind), namespaced, kind,
                        schema.isEmpty() ? sharedSchema : schema, List.of()));
            }
        }
        return new ModelBundle(model, components, List.of());
    }

    /** A version the CRDs announce (label {@code app.kubernetes.io/version}, or any {@code …/version}). */
    private static String upstreamVersion(List<Map<String, Object>> crds) {
        for (Map<String, Object> crd : crds) {
            var labels = ObjectTree.map(crd, "metadata", "labels");
            if (labels.get("app.kubernetes.io/version") != null) {
                return String.valueOf(labels.get("app.kubernetes.io/version"));
            }
            for (var annotations : List.of(ObjectTree.map(crd, "metadata", "annotations"), labels)) {
                for (var entry : annotations.entrySet()) {
                    if (entry.getKey().endsWith("/version") && entry.getValue() != null) {
                        return String.valueOf(entry.getValue());
                    }
                }
            }
        }
        return "0.0.0";
    }
}

package io.meshwright.plugins.git.model;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw CRDs of one API group as one model: named after the group (version {@code v1.0.0}, so a new commit updates
 * the model in place), a component per served version of each CRD with its {@code openAPIV3Schema}. The model
 * records its source and the commit it was read at.
 */
final class CrdModels {

    static final String REGISTRANT = "git";

    private CrdModels() {}

    static String group(Map<String, Object> crd) {
        return crd.get("spec") instanceof Map<?, ?> spec && spec.get("group") instanceof String group && !group.isBlank()
                ? group : null;
    }

    @SuppressWarnings("unchecked")
    static ModelBundle bundle(String group, List<Map<String, Object>> crds, String source, String commit,
            List<Problem> problems) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source_uri", source);
        metadata.put("commit", commit);
        Model model = new Model(group, "v1.0.0", "v1.0.0", group, "Uncategorized", REGISTRANT, ModelStatus.ENABLED, metadata);
        ModelRef ref = model.ref();
        List<ComponentDefinition> components = new ArrayList<>();
        for (Map<String, Object> crd : crds) {
            Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
            String kind = spec.get("names") instanceof Map<?, ?> names && names.get("kind") instanceof String k ? k : null;
            if (kind == null || !(spec.get("versions") instanceof List<?> versions)) {
                problems.add(Problem.warning("git.crd.unreadable", "CRD " + name(crd) + " in " + source
                        + " has no spec.names.kind or spec.versions; skipped", Location.of(source)));
                continue;
            }
            boolean namespaced = !"Cluster".equals(spec.get("scope"));
            for (Object entry : versions) {
                if (entry instanceof Map<?, ?> version && !Boolean.FALSE.equals(version.get("served"))) {
                    Map<String, Object> schema = version.get("schema") instanceof Map<?, ?> s
                            && s.get("openAPIV3Schema") instanceof Map<?, ?> open ? (Map<String, Object>) open : Map.of();
                    components.add(new ComponentDefinition(ref, "v1.0.0", new Gvk(group, String.valueOf(version.get("name")), kind),
                            namespaced, kind, schema, List.of()));
                }
            }
        }
        return new ModelBundle(model, components, List.of());
    }

    private static String name(Map<String, Object> crd) {
        return crd.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : "(unnamed)";
    }
}

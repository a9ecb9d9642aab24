package io.meshwright.engine.design;

import io.meshwright.spi.Problem;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.extension.RegistryView;
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
import java.util.Optional;

/**
 * Checks a design against the registry and the target cluster before anything is applied: every deployable
 * component must resolve to a registry definition (kind, apiVersion and model) or to a kind the cluster serves (or,
 * for a custom resource, a CRD in the design); its configuration must satisfy the definition's JSON Schema (or the
 * design's CRD schema); a custom resource whose CRD is neither served nor in the design is a
 * {@link MissingDependency}, with the model that provides it when the registry knows one. Annotation-only
 * components, and components deployed from a source (Helm chart, Git path) by a plugin, are skipped. Pure: looks
 * things up, changes nothing.
 */
public final class DesignValidator {

    /** Keys of {@link Model#metadata()} that name where a model's kinds can be installed from. */
    static final List<String> SOURCE_KEYS = List.of("source_uri", "sourceUri", "source");

    private static final String DEFINITION_VERSION = "v1.0.0";

    private final BuiltinKinds builtins;

    public DesignValidator(BuiltinKinds builtins) {
        this.builtins = builtins;
    }

    public ValidationReport validate(Design design, RegistryView registry, ServedKinds cluster) {
        return validate(design, registry, cluster, DesignSourceMap.none(design.source()));
    }

    /**
     * @param registry  the registry; {@code null} for none
     * @param sourceMap where the design's fields stand (from {@link DesignParseResult#sourceMap()}), for precise
     *                  schema-error locations
     */
    public ValidationReport validate(Design design, RegistryView registry, ServedKinds cluster, DesignSourceMap sourceMap) {
        List<Problem> problems = new ArrayList<>();
        CrdDeclarations crds = CrdDeclarations.of(design);
        KindScopes scopes = KindScopes.of(builtins, design, cluster, registry);
        ManifestObjects objects = new ManifestObjects(scopes::isNamespaced);
        SchemaCheck schemas = new SchemaCheck();
        Map<Gvk, List<ComponentDeclaration>> missing = new LinkedHashMap<>();
        Map<Gvk, ComponentDefinition> discovered = new LinkedHashMap<>();
        // One lookup per kind and model: the registry may be a database, and reusing the same definition lets the
        // schema check compile each schema once.
        Map<String, Optional<ComponentDefinition>> definitions = new java.util.HashMap<>();
        for (ComponentDeclaration component : design.deployableComponents()) {
            if (component.source() != null) {
                continue; // deployed from its source (a chart, a repository) by a plugin, which renders and checks it
            }
            Gvk gvk = component.gvk();
            if (gvk.version().isEmpty()) {
                problems.add(Problem.error("design.kind.unresolved", "component " + component.name() + " has type "
                        + gvk.kind() + " with no apiVersion; add apiVersion, or install the adapter or model that defines it",
                        component.location()));
                continue;
            }
            ComponentDefinition definition = definitions.computeIfAbsent(gvk + "|" + component.model(),
                    key -> Optional.ofNullable(definition(component, registry, problems))).orElse(null);
            Optional<CrdDeclarations.Crd> crd = crds.forKind(gvk);
            if (crd.isPresent() && !crd.get().defines(gvk)) {
                problems.add(Problem.error("design.crd.version", "the design's CRD " + crd.get().component().name()
                        + " does not define version " + gvk.version() + " of " + gvk.kind() + "; it defines "
                        + crd.get().schemas().keySet(), component.location()));
                continue;
            }
            boolean served = cluster.serves(gvk);
            boolean inDesign = crd.isPresent();
            if (builtins.isBuiltin(gvk) && !served && definition == null) {
                problems.add(Problem.error("design.kind.unresolved", "component " + component.name() + ": " + gvk
                        + " is neither served by the cluster nor defined in the registry", component.location()));
                continue;
            }
            if (!builtins.isBuiltin(gvk) && !served && !inDesign) {
                missing.computeIfAbsent(gvk, k -> new ArrayList<>()).add(component);
                continue;
            }
            if (definition == null) {
                discovered.putIfAbsent(gvk, discoveredDefinition(component, scopes, crd));
            }
            Map<String, Object> schema = definition != null && !definition.schema().isEmpty() ? definition.schema()
                    : crd.map(c -> c.schemas().getOrDefault(gvk.version(), Map.of())).orElse(Map.of());
            if (!schema.isEmpty()) {
                checkSchema(component, schema, objects, schemas, sourceMap, problems);
            }
        }
        return new ValidationReport(problems, missingDependencies(missing, registry), bundles(discovered));
    }

    private ComponentDefinition definition(ComponentDeclaration component, RegistryView registry, List<Problem> problems) {
        if (registry == null) {
            return null;
        }
        Gvk gvk = component.gvk();
        ModelRef model = component.model();
        List<ComponentDefinition> found = model == null ? List.of() : registry.components(gvk, Optional.of(model));
        if (found.isEmpty() && model != null && model.version() != null) {
            found = registry.components(gvk, Optional.of(ModelRef.any(model.name())));
        }
        if (found.isEmpty()) {
            found = registry.components(gvk, Optional.empty());
            if (!found.isEmpty() && model != null) {
                problems.add(Problem.warning("design.model.other", "component " + component.name() + " names model "
                        + model + ", which does not define " + gvk + "; using model " + found.get(0).model(),
                        component.location()));
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static void checkSchema(ComponentDeclaration component, Map<String, Object> schema, ManifestObjects objects,
                                    SchemaCheck schemas, DesignSourceMap sourceMap, List<Problem> problems) {
        try {
            for (SchemaCheck.Violation violation : schemas.check(schema, objects.toObject(component, "default"))) {
                problems.add(Problem.error("schema." + violation.type(), "component " + component.name() + ": "
                        + violation.message(), sourceMap.locate(component.id(), violation.path())));
            }
        } catch (IllegalArgumentException e) {
            problems.add(Problem.warning("schema.unusable", "the schema for " + component.gvk()
                    + " cannot be used, so component " + component.name() + " was not checked against it: "
                    + e.getMessage(), component.location()));
        }
    }

    private ComponentDefinition discoveredDefinition(ComponentDeclaration component, KindScopes scopes,
                                                     Optional<CrdDeclarations.Crd> crd) {
        Gvk gvk = component.gvk();
        ModelRef model = new ModelRef(component.model() == null ? ModelInference.forKind(gvk, builtins).name()
                : component.model().name(), DEFINITION_VERSION);
        Map<String, Object> schema = crd.map(c -> c.schemas().getOrDefault(gvk.version(), Map.of())).orElse(Map.of());
        return new ComponentDefinition(model, DEFINITION_VERSION, gvk, scopes.isNamespaced(gvk), gvk.kind(), schema, List.of());
    }

    private static List<ModelBundle> bundles(Map<Gvk, ComponentDefinition> discovered) {
        Map<String, List<ComponentDefinition>> byModel = new LinkedHashMap<>();
        discovered.values().forEach(d -> byModel.computeIfAbsent(d.model().name(), m -> new ArrayList<>()).add(d));
        List<ModelBundle> bundles = new ArrayList<>();
        byModel.forEach((name, definitions) -> bundles.add(new ModelBundle(
                new Model(name, DEFINITION_VERSION, null, name, "Uncategorized", "manifest", ModelStatus.ENABLED, Map.of()),
                definitions, List.of())));
        return bundles;
    }

    private static List<MissingDependency> missingDependencies(Map<Gvk, List<ComponentDeclaration>> missing, RegistryView registry) {
        List<MissingDependency> result = new ArrayList<>();
        missing.forEach((gvk, components) -> {
            ModelRef provider = registry == null ? null
                    : registry.components(gvk, Optional.empty()).stream().findFirst().map(ComponentDefinition::model).orElse(null);
            Optional<String> source = provider == null ? Optional.empty() : registry.model(provider).flatMap(DesignValidator::sourceOf);
            String remedy;
            if (provider == null) {
                remedy = "no model in the registry provides " + gvk.groupKind() + "; add its CustomResourceDefinition to the "
                        + "design, apply it to the cluster first, or import a model that provides it (meshwright model import …)";
            } else if (source.isPresent()) {
                remedy = "model " + provider + " provides it; install it with: meshwright design apply <design> "
                        + "--install-dependencies (installs " + source.get() + ")";
            } else {
                remedy = "model " + provider + " defines it but names no source to install it from; apply its "
                        + "CustomResourceDefinition to the cluster first";
            }
            result.add(new MissingDependency(gvk, components.stream().map(ComponentDeclaration::id).toList(), provider,
                    source.isPresent(), remedy, components.get(0).location()));
        });
        return result;
    }

    /** Where a model's kinds can be installed from (its metadata's {@code source_uri}), if it says. */
    public static Optional<String> sourceOf(Model model) {
        for (String key : SOURCE_KEYS) {
            if (model.metadata().get(key) instanceof String text && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}

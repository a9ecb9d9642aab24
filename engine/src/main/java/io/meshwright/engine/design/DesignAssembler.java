package io.meshwright.engine.design;

import io.meshwright.spi.deploy.Namespaces;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.design.RelationshipDeclaration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a reader's drafts into a {@link Design}: checks that ids are unique, that no two components declare
 * the same object and that object names and namespaces are ones the API server accepts, resolves placeholders,
 * and resolves {@code dependsOn} entries (ids or unique names) to ids.
 */
final class DesignAssembler {

    /** Where the engine applies a namespaced object that names no namespace (the lifecycle's default). */
    static final String DEFAULT_NAMESPACE = "default";

    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    private final BuiltinKinds builtins;

    DesignAssembler(BuiltinKinds builtins) {
        this.builtins = builtins;
    }

    /** The design; its id is the declared one, or one derived from its name (so it stays stable across versions). */
    Design assemble(DesignDraft draft, String source, boolean mayHavePlaceholders, List<Problem> problems) {
        List<ComponentDraft> unique = uniqueIds(draft.components(), problems);
        List<ComponentDraft> resolved = FieldPatch.apply(draft.patches(),
                mayHavePlaceholders ? new PlaceholderResolver(unique, problems).resolve() : unique, problems);
        duplicateObjects(resolved, problems);
        new ObjectNameCheck().check(resolved, problems);
        Map<String, String> idByKey = dependencyKeys(resolved);
        List<ComponentDeclaration> components = new ArrayList<>();
        for (ComponentDraft component : resolved) {
            components.add(declaration(component, idByKey, problems));
        }
        Set<String> ids = new java.util.HashSet<>(idByKey.values());
        List<RelationshipDeclaration> relationships = new ArrayList<>();
        for (RelationshipDeclaration relationship : draft.relationships()) {
            relationships.add(knownEnds(relationship, ids, problems));
        }
        String id = draft.id() == null || draft.id().isBlank() || NIL_UUID.equals(draft.id())
                ? UUID.nameUUIDFromBytes(("meshwright-design:" + draft.name()).getBytes(StandardCharsets.UTF_8)).toString()
                : draft.id();
        return new Design(id, draft.name(), draft.version(), components, relationships, source);
    }

    private static List<ComponentDraft> uniqueIds(List<ComponentDraft> drafts, List<Problem> problems) {
        Map<String, ComponentDraft> seen = new HashMap<>();
        List<ComponentDraft> unique = new ArrayList<>();
        for (ComponentDraft draft : drafts) {
            ComponentDraft first = seen.putIfAbsent(draft.id(), draft);
            if (first != null && first.gvk().equals(draft.gvk()) && first.name().equals(draft.name())
                    && first.configuration().equals(draft.configuration())) {
                // Real exports repeat an object verbatim; applying it twice would change nothing.
                problems.add(Problem.warning("design.duplicateObject.identical", "component " + draft.id()
                        + " repeats, identically, the one at " + first.location() + "; it is kept once", draft.location()));
            } else if (first != null) {
                problems.add(Problem.error("design.duplicateId", "component id " + draft.id() + " is already used by "
                        + first.name() + " at " + first.location(), draft.location()));
            } else {
                unique.add(draft);
            }
        }
        return unique;
    }

    private void duplicateObjects(List<ComponentDraft> drafts, List<Problem> problems) {
        Map<String, ComponentDraft> seen = new HashMap<>();
        for (ComponentDraft draft : drafts) {
            if (draft.annotation()) {
                continue;
            }
            Map<?, ?> metadata = draft.configuration().get("metadata") instanceof Map<?, ?> m ? m : Map.of();
            String name = metadata.get("name") instanceof String n && !n.isBlank() ? n : draft.name();
            boolean clusterScoped = builtins.namespaced(draft.gvk()).map(ns -> !ns).orElse(false);
            String key = draft.gvk().groupKind() + "/" + (clusterScoped ? "" : namespace(draft, metadata)) + "/" + name;
            ComponentDraft first = seen.putIfAbsent(key, draft);
            if (first != null) {
                problems.add(Problem.error("design.duplicateObject", "component " + draft.name() + " declares the same "
                        + draft.gvk().kind() + " " + (clusterScoped ? "" : namespace(draft, metadata) + "/") + name
                        + " as component " + first.id() + " at " + first.location()
                        + " (a namespaced object without a namespace goes to " + DEFAULT_NAMESPACE + ")", draft.location()));
            }
        }
    }

    /**
     * The namespace the object will be applied in, resolved as the engine resolves it (its metadata, else the
     * component's namespace, else the default namespace), so that {@code cfg} and {@code default/cfg} are one
     * object. A kind of unknown scope counts as namespaced: if it is cluster-scoped, both names are one object too.
     */
    private static String namespace(ComponentDraft draft, Map<?, ?> metadata) {
        return Namespaces.resolve(true, Namespaces.declared(metadata.get("namespace") instanceof String text ? text : null,
                draft.namespace()), DEFAULT_NAMESPACE);
    }

    /** Maps every id, and every name that only one component has, to the component's id. */
    private static Map<String, String> dependencyKeys(List<ComponentDraft> drafts) {
        Map<String, String> byKey = new HashMap<>();
        Map<String, Integer> nameCount = new HashMap<>();
        drafts.forEach(d -> nameCount.merge(d.name(), 1, Integer::sum));
        drafts.forEach(d -> {
            if (nameCount.get(d.name()) == 1) {
                byKey.putIfAbsent(d.name(), d.id());
            }
        });
        drafts.forEach(d -> byKey.put(d.id(), d.id()));
        return byKey;
    }

    private static ComponentDeclaration declaration(ComponentDraft draft, Map<String, String> idByKey, List<Problem> problems) {
        Set<String> dependsOn = new LinkedHashSet<>();
        String dependsPath = draft.path().startsWith("components[") ? draft.path() + ".metadata.dependsOn"
                : draft.path() + ".dependsOn";
        for (String key : draft.dependsOn()) {
            String id = idByKey.get(key);
            if (id == null) {
                problems.add(Problem.error("design.dependsOn", "component " + draft.name() + " depends on " + key
                        + ", which is neither the id nor the unique name of a component in the design",
                        draft.document().locate(dependsPath)));
            } else if (!id.equals(draft.id())) {
                dependsOn.add(id);
            }
        }
        Location location = draft.location();
        return new ComponentDeclaration(draft.id(), draft.name(), draft.model(), draft.gvk(), draft.namespace(),
                draft.configuration(), List.copyOf(dependsOn), draft.annotation(), draft.source(), location);
    }

    private static RelationshipDeclaration knownEnds(RelationshipDeclaration relationship, Set<String> ids, List<Problem> problems) {
        List<String> unknown = new ArrayList<>();
        relationship.from().stream().filter(id -> !ids.contains(id)).forEach(unknown::add);
        relationship.to().stream().filter(id -> !ids.contains(id)).forEach(unknown::add);
        if (unknown.isEmpty()) {
            return relationship;
        }
        problems.add(Problem.warning("design.relationship.unknownComponent", "relationship " + relationship.id()
                + " names components that are not in the design: " + unknown + "; those ends are ignored", relationship.location()));
        return new RelationshipDeclaration(relationship.id(), relationship.kind(), relationship.type(), relationship.subType(),
                relationship.from().stream().filter(ids::contains).toList(),
                relationship.to().stream().filter(ids::contains).toList(),
                relationship.status(), relationship.location());
    }
}

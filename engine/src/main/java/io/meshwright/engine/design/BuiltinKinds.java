package io.meshwright.engine.design;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwright.spi.model.Gvk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds a Kubernetes API server serves without any CRD ({@code design/builtin-kinds.yaml}): their preferred
 * apiVersion and scope. Immutable once loaded.
 */
public final class BuiltinKinds {

    private static final String RESOURCE = "/design/builtin-kinds.yaml";

    private final Map<String, Gvk> preferredByKind;
    private final Map<String, Boolean> namespacedByGroupKind;
    private final Set<String> groups;

    private BuiltinKinds(Map<String, Map<String, Boolean>> table) {
        Map<String, Gvk> preferred = new LinkedHashMap<>();
        Map<String, Boolean> scopes = new HashMap<>();
        Set<String> knownGroups = new HashSet<>();
        table.forEach((apiVersion, kinds) -> kinds.forEach((kind, namespaced) -> {
            Gvk gvk = Gvk.of(apiVersion, kind);
            preferred.putIfAbsent(kind, gvk);
            scopes.put(gvk.groupKind(), namespaced);
            knownGroups.add(gvk.group());
        }));
        this.preferredByKind = Map.copyOf(preferred);
        this.namespacedByGroupKind = Map.copyOf(scopes);
        this.groups = Set.copyOf(knownGroups);
    }

    /** The table shipped with the engine. */
    public static BuiltinKinds load() {
        try (InputStream in = BuiltinKinds.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the engine jar");
            }
            Map<String, Map<String, Boolean>> table = new ObjectMapper(new YAMLFactory())
                    .readValue(in, new TypeReference<>() {});
            return new BuiltinKinds(table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The preferred group/version of a built-in kind named without its group, e.g. {@code Deployment → apps/v1}. */
    public Optional<Gvk> preferred(String kind) {
        return Optional.ofNullable(preferredByKind.get(kind));
    }

    /** Whether the group and kind are built in (any version). */
    public boolean isBuiltin(Gvk gvk) {
        return namespacedByGroupKind.containsKey(gvk.groupKind());
    }

    /** Whether the API group is one of Kubernetes' own (core, apps, batch, rbac…), as opposed to a CRD's group. */
    public boolean isBuiltinGroup(String group) {
        return groups.contains(group == null ? "" : group);
    }

    /** The scope of a built-in kind; empty for other kinds. */
    public Optional<Boolean> namespaced(Gvk gvk) {
        return Optional.ofNullable(namespacedByGroupKind.get(gvk.groupKind()));
    }
}

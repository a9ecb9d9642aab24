package io.meshwright.engine.design;

import io.meshwright.spi.design.Design;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a kind is namespaced, from whoever knows: the API server's built-in kinds, CRDs the design declares, the
 * target cluster's discovery, then the registry's definitions. Answers are remembered, so build one per design
 * and validation or planning run.
 */
public final class KindScopes {

    private final BuiltinKinds builtins;
    private final CrdDeclarations crds;
    private final ServedKinds cluster;
    private final RegistryView registry;
    // Registry and discovery lookups may hit a database; a design has few kinds and many objects.
    private final Map<Gvk, Optional<Boolean>> known = new ConcurrentHashMap<>();

    private KindScopes(BuiltinKinds builtins, CrdDeclarations crds, ServedKinds cluster, RegistryView registry) {
        this.builtins = builtins;
        this.crds = crds;
        this.cluster = cluster;
        this.registry = registry;
    }

    /** Built-in kinds only. */
    public static KindScopes builtIn(BuiltinKinds builtins) {
        return new KindScopes(builtins, null, ServedKinds.none(), null);
    }

    /** All sources; {@code registry} may be {@code null}. */
    public static KindScopes of(BuiltinKinds builtins, Design design, ServedKinds cluster, RegistryView registry) {
        return new KindScopes(builtins, CrdDeclarations.of(design), cluster, registry);
    }

    /** Whether the kind is namespaced, if anyone knows. */
    public Optional<Boolean> namespaced(Gvk gvk) {
        return known.computeIfAbsent(gvk, this::lookUp);
    }

    private Optional<Boolean> lookUp(Gvk gvk) {
        Optional<Boolean> known = builtins.namespaced(gvk);
        if (known.isEmpty() && crds != null) {
            known = crds.forKind(gvk).map(CrdDeclarations.Crd::namespaced);
        }
        if (known.isEmpty()) {
            known = cluster.namespaced(gvk);
        }
        if (known.isEmpty() && registry != null) {
            known = registry.components(gvk, Optional.empty()).stream().findFirst().map(ComponentDefinition::namespaced);
        }
        return known;
    }

    /** Whether the kind is namespaced; a kind nobody knows is taken as namespaced, as most custom resources are. */
    public boolean isNamespaced(Gvk gvk) {
        return namespaced(gvk).orElse(true);
    }
}

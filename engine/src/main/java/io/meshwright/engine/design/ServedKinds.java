package io.meshwright.engine.design;

import io.meshwright.spi.model.Gvk;
import java.util.Map;
import java.util.Optional;

/**
 * What the target cluster serves, as its discovery reports it. The cluster package implements it; validation and
 * planning only read it.
 */
public interface ServedKinds {

    /** Whether the cluster serves this group, version and kind. */
    boolean serves(Gvk gvk);

    /** Whether objects of the kind are namespaced; empty when the cluster does not serve it. */
    Optional<Boolean> namespaced(Gvk gvk);

    /** What {@code cluster} serves right now. */
    static ServedKinds of(io.meshwright.spi.extension.ClusterView cluster) {
        return new ServedKinds() {
            @Override
            public boolean serves(Gvk gvk) {
                return cluster.serves(gvk);
            }

            @Override
            public Optional<Boolean> namespaced(Gvk gvk) {
                return cluster.namespaced(gvk);
            }
        };
    }

    /** No cluster at hand (offline validation): serves nothing. */
    static ServedKinds none() {
        return of(Map.of());
    }

    /** A fixed set of kinds, each with whether it is namespaced. */
    static ServedKinds of(Map<Gvk, Boolean> kinds) {
        Map<Gvk, Boolean> copy = Map.copyOf(kinds);
        return new ServedKinds() {
            @Override
            public boolean serves(Gvk gvk) {
                return copy.containsKey(gvk);
            }

            @Override
            public Optional<Boolean> namespaced(Gvk gvk) {
                return Optional.ofNullable(copy.get(gvk));
            }
        };
    }
}

package io.meshwright.engine.plan;

import io.meshwright.engine.design.BuiltinKinds;
import io.meshwright.engine.design.KindScopes;
import io.meshwright.engine.design.ServedKinds;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.RelationshipDefinition;
import java.util.List;
import java.util.Objects;

/**
 * What planning needs besides the design: the namespace for namespaced objects that name none, whether kinds are
 * namespaced, and the registry's relationship definitions.
 *
 * @param defaultNamespace namespace for namespaced objects that name none
 * @param scopes           whether a kind is namespaced
 * @param relationships    relationship definitions by kind (e.g. {@code registry::relationshipsFor})
 */
public record PlanInputs(String defaultNamespace, KindScopes scopes, RelationshipLookup relationships) {

    /** Looks up the registry's relationship definitions that involve a kind. */
    @FunctionalInterface
    public interface RelationshipLookup {
        List<RelationshipDefinition> relationshipsFor(String kind);

        static RelationshipLookup none() {
            return kind -> List.of();
        }
    }

    /**
     * Inputs for planning {@code design} against a cluster and a registry (either may be absent: pass
     * {@link ServedKinds#none()} and {@code null}).
     */
    public static PlanInputs of(Design design, String defaultNamespace, BuiltinKinds builtins, ServedKinds cluster,
                                RegistryView registry) {
        return new PlanInputs(defaultNamespace, KindScopes.of(builtins, design, cluster, registry),
                registry == null ? RelationshipLookup.none() : registry::relationshipsFor);
    }

    public PlanInputs {
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
        Objects.requireNonNull(scopes, "scopes");
        relationships = relationships == null ? RelationshipLookup.none() : relationships;
    }
}

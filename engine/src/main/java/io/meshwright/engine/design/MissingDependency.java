package io.meshwright.engine.design;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import java.util.List;
import java.util.Optional;

/**
 * A kind the design uses that the cluster does not serve and the design does not define (a custom resource whose
 * CRD is missing), found before anything is applied.
 *
 * @param kind         the missing kind
 * @param componentIds the components that use it
 * @param providedBy   the registry model that defines the kind, or {@code null} when none does
 * @param installable  whether that model names a source to install the kind from (then
 *                     {@code --install-dependencies} can install it)
 * @param remedy       what the user can do, as a sentence with the command to run
 * @param location     where the first component using it stands
 */
public record MissingDependency(
        Gvk kind, List<String> componentIds, ModelRef providedBy, boolean installable, String remedy, Location location) {

    public MissingDependency {
        componentIds = List.copyOf(componentIds);
    }

    public Optional<ModelRef> provider() {
        return Optional.ofNullable(providedBy);
    }

    /** The same, as a located error. */
    public Problem toProblem() {
        return Problem.error("design.dependency.missing", "the cluster does not serve " + kind
                + " and the design does not define it; " + remedy, location);
    }
}

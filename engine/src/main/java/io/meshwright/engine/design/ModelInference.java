package io.meshwright.engine.design;

import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;

/**
 * Which model a kind belongs to when a file does not say: {@code kubernetes} for the API server's own kinds,
 * otherwise a model named after the kind's API group (e.g. {@code source.toolkit.fluxcd.io}), which the lifecycle
 * registers on the fly when the kind turns out to be served by the cluster or defined by a CRD in the design.
 */
final class ModelInference {

    static final String KUBERNETES = "kubernetes";

    private ModelInference() {}

    static ModelRef forKind(Gvk gvk, BuiltinKinds builtins) {
        return builtins.isBuiltinGroup(gvk.group()) ? ModelRef.any(KUBERNETES) : ModelRef.any(gvk.group());
    }
}

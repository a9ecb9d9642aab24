package io.meshwright.engine.registry;

import io.meshwright.spi.model.ModelRef;

/** No stored model matches the reference given. */
public final class ModelNotFoundException extends RegistryException {
    private final transient ModelRef ref;

    public ModelNotFoundException(ModelRef ref) {
        super("no model " + ref + " in the registry");
        this.ref = ref;
    }

    public ModelRef ref() {
        return ref;
    }
}

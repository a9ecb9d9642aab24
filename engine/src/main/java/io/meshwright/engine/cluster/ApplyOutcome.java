package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ApplyResult;
import java.util.Map;

/** What came of one object in {@link KubeClusterApplier#applyAll}: applied, or refused with the reason. */
public sealed interface ApplyOutcome {

    /** The object was applied. */
    record Applied(ApplyResult result) implements ApplyOutcome {}

    /** The object was not applied; {@code error} names it and says why. */
    record Refused(Map<String, Object> object, ApplyException error) implements ApplyOutcome {}
}

package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/** Judges whether one object of a given kind is ready, from its status alone. */
interface ReadinessRule {

    /** The judgement for {@code object} (a live object as a JSON tree, with its status). */
    Readiness judge(Map<String, Object> object);

    /** Whether the controller has seen the object's latest spec (generation 0/absent counts as seen). */
    static boolean observedLatest(Map<String, Object> object) {
        long generation = ObjectTree.numberOr(object, 0, "metadata", "generation");
        long observed = ObjectTree.numberOr(object, -1, "status", "observedGeneration");
        return generation == 0 || observed >= generation;
    }
}

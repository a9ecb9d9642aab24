package io.meshwright.engine.lifecycle;

/** How long a deployment waits on the objects it applies before going on with their dependents. */
public enum WaitPolicy {
    /** Do not wait at all (CRDs are still waited for until Established, or their resources could not be applied). */
    NONE,
    /** Wait until the API server accepted each object. */
    APPLIED,
    /** Wait until each object a later part depends on is healthy by its kind's rule. */
    HEALTHY
}

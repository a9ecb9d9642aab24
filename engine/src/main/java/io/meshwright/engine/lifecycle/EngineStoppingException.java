package io.meshwright.engine.lifecycle;

/**
 * The engine is stopping: it takes no new deploy or undeploy, and work it gave up on at the shutdown deadline
 * may no longer change a deployment's record (the record says "interrupted", and the next start resumes it).
 * The APIs answer 503.
 */
public final class EngineStoppingException extends RuntimeException {

    public EngineStoppingException(String message) {
        super(message);
    }
}

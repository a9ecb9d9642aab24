package io.meshwright.engine.lifecycle;

/**
 * An orphan clean could not take the lifecycle's write guard in time: a deploy or undeploy holds it (and may for
 * minutes), and waiting behind it would also stall every deploy queued after the clean. Answered as a conflict.
 */
public class LifecycleBusyException extends RuntimeException {

    public LifecycleBusyException(String message) {
        super(message);
    }
}

package io.meshwright.spi.deploy;

/**
 * Whether an object is ready, judged from its status.
 *
 * @param done       whether the judgement is final (ready, or failed for good)
 * @param successful whether it is ready (meaningful when {@code done})
 * @param message    a sentence for a user, e.g. "waiting for 2/3 replicas"
 */
public record Readiness(boolean done, boolean successful, String message) {

    public static Readiness ready(String message) {
        return new Readiness(true, true, message);
    }

    public static Readiness waiting(String message) {
        return new Readiness(false, false, message);
    }

    public static Readiness failed(String message) {
        return new Readiness(true, false, message);
    }

    public boolean isReady() {
        return done && successful;
    }
}

package io.meshwright.engine.actions;

/** Counts how actions end (the metrics behind {@code /metrics}); the composition root decides which counter. */
@FunctionalInterface
public interface ActionCounter {

    /** Does nothing (tests that count nothing). */
    ActionCounter NONE = (action, outcome) -> {};

    /**
     * @param action  {@code deploy}, {@code undeploy} or {@code import}
     * @param outcome the final state or outcome, lower case ({@code deployed}, {@code error}, {@code clean}, …)
     */
    void count(String action, String outcome);
}

package io.meshwright.engine.plan;

/** A design cannot be deployed because its dependencies form a cycle; the message names the cycle. */
public final class PlanCycleException extends RuntimeException {

    private final transient CycleProblem cycle;

    public PlanCycleException(CycleProblem cycle) {
        super(cycle.message());
        this.cycle = cycle;
    }

    public CycleProblem cycle() {
        return cycle;
    }
}

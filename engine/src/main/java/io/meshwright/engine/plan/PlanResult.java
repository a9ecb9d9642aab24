package io.meshwright.engine.plan;

import io.meshwright.spi.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Planner} produced: the plan (complete, or partial when a cycle keeps some components from being
 * ordered: those on the cycle and everything that waits for them are left out), the cycle if there is one, and
 * other problems (dependencies on annotation-only components, which are ignored).
 */
public record PlanResult(Plan plan, Optional<CycleProblem> cycle, List<Problem> problems) {

    public PlanResult {
        problems = List.copyOf(problems);
    }

    public boolean isComplete() {
        return cycle.isEmpty();
    }

    /** The plan, or an exception naming the cycle. */
    public Plan orElseThrow() {
        cycle.ifPresent(c -> {
            throw new PlanCycleException(c);
        });
        return plan;
    }
}

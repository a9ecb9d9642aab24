package io.meshwright.engine.lifecycle;

import io.meshwright.engine.plan.Plan;
import io.meshwright.spi.Problem;
import io.meshwright.spi.design.Design;
import java.util.List;

/**
 * Validation and planning of a design as the lifecycle uses them; pure with respect to the cluster (they read
 * discovery and the registry, and change nothing).
 */
public interface DesignChecks {

    /** Every problem with the design and its dependencies; errors mean nothing may be applied. */
    List<Problem> validate(Design design);

    /** The plan, or {@code null} with the problems (a cycle, say) that prevent one. */
    Planned plan(Design design);

    record Planned(Plan plan, List<Problem> problems) {}
}

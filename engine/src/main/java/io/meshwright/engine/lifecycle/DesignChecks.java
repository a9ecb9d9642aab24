package io.meshwright.engine.lifecycle;

import io.meshwright.engine.plan.Plan;
import io.meshwright.spi.Problem;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.model.ModelBundle;
import java.util.List;

/**
 * Validation and planning of a design as the lifecycle uses them. Validating and planning change nothing;
 * {@link #register} stores the kinds a design brought with it (dynamic model generation from a manifest).
 */
public interface DesignChecks {

    /** Every problem with the design and its dependencies (errors mean nothing may be applied), and the models
     *  of kinds it uses that no registry model defines yet (CRDs in the design, kinds only the cluster serves). */
    Validation validate(Design design);

    /** The plan, or {@code null} with the problems (a cycle, say) that prevent one. */
    Planned plan(Design design);

    /** Registers models discovered by {@link #validate} in the registry; returns what was created. */
    List<String> register(List<ModelBundle> discovered);

    record Validation(List<Problem> problems, List<ModelBundle> discovered) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    record Planned(Plan plan, List<Problem> problems) {}
}

package io.meshwright.engine.lifecycle;

import io.meshwright.engine.design.MissingDependency;
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

    /**
     * @param problems    problems other than missing dependencies
     * @param missing     kinds the design uses that nothing provides yet
     * @param discovered  models of kinds the design brings with it
     */
    record Validation(List<Problem> problems, List<MissingDependency> missing, List<ModelBundle> discovered) {

        public boolean hasErrors() {
            return hasErrors(false);
        }

        /** Errors remain, given whether missing dependencies may be installed from their models' sources. */
        public boolean hasErrors(boolean installDependencies) {
            return problems.stream().anyMatch(Problem::isError)
                    || missing.stream().anyMatch(m -> !(installDependencies && m.installable()));
        }

        /** Every problem, missing dependencies included, for people. */
        public List<Problem> allProblems() {
            return java.util.stream.Stream.concat(problems.stream(), missing.stream().map(MissingDependency::toProblem))
                    .toList();
        }
    }

    record Planned(Plan plan, List<Problem> problems) {}
}

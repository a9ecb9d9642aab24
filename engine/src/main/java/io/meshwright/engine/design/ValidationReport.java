package io.meshwright.engine.design;

import io.meshwright.spi.Problem;
import io.meshwright.spi.model.ModelBundle;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@link DesignValidator} found.
 *
 * @param problems            unresolvable kinds, schema violations and warnings, located
 * @param missingDependencies kinds that neither the cluster nor the design provides (listed separately because
 *                            {@code --install-dependencies} may fix them)
 * @param discoveredModels    kinds that resolved only through the cluster or a CRD in the design and that the
 *                            registry does not know yet, grouped into models, for the lifecycle to register
 *                            (dynamic model generation from an uploaded manifest)
 */
public record ValidationReport(List<Problem> problems, List<MissingDependency> missingDependencies,
                               List<ModelBundle> discoveredModels) {

    public ValidationReport {
        problems = List.copyOf(problems);
        missingDependencies = List.copyOf(missingDependencies);
        discoveredModels = List.copyOf(discoveredModels);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /** Valid without installing anything. */
    public boolean isValid() {
        return isValid(false);
    }

    /** Valid, given whether missing dependencies may be installed from their models' sources. */
    public boolean isValid(boolean installDependencies) {
        return errors().isEmpty() && missingDependencies.stream().allMatch(m -> installDependencies && m.installable());
    }

    /** Every problem, missing dependencies included, for printing. */
    public List<Problem> allProblems() {
        return Stream.concat(problems.stream(), missingDependencies.stream().map(MissingDependency::toProblem)).toList();
    }
}

package io.meshwright.engine.actions;

import io.meshwright.spi.Problem;
import java.util.List;

/** Validate: every problem with a design and its dependencies, against the registry and the cluster; changes nothing. */
public final class ValidateAction {

    public record Options(DesignInput design) {}

    /** @param problems every problem found; the design is valid when none is an error */
    public record Result(List<Problem> problems) {
        public boolean valid() {
            return problems.stream().noneMatch(Problem::isError);
        }
    }

    private final EngineContext context;

    public ValidateAction(EngineContext context) {
        this.context = context;
    }

    public Result run(Options options) {
        var target = context.requireTarget();
        var design = context.read(options.design()).design();
        // A cluster that does not answer is a clear 503 at once, not the retries of every discovery call.
        context.requireReachable();
        return new Result(target.checks().validate(design).allProblems());
    }
}

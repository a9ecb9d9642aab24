package io.meshwright.engine.registry;

import io.meshwright.spi.Problem;

/** A whole input (a file or an archive) is refused; carries the problem to report. Internal to the import. */
final class InputRejectedException extends Exception {
    private final transient Problem problem;

    InputRejectedException(Problem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}

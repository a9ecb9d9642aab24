package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The engine answered a CLI call with an error; {@code problem} is its {@code application/problem+json} body. */
final class EngineCallException extends RuntimeException {

    private final int status;
    private final transient JsonNode problem;

    EngineCallException(int status, JsonNode problem, String fallback) {
        super(problem.path("detail").asText(fallback));
        this.status = status;
        this.problem = problem;
    }

    int status() {
        return status;
    }

    JsonNode problem() {
        return problem;
    }
}

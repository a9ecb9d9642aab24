package io.meshwright.engine.api;

import io.meshwright.engine.actions.ActionException;
import io.meshwright.spi.Problem;
import java.util.List;

/**
 * A request the API refuses, with what the client needs to fix it. Handlers throw it; {@link ErrorMapping}
 * turns it into a {@link ProblemDetails} response. Use the factories so that the same failure always gets the
 * same status, type and title.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<ProblemDetails.Entry> problems;

    public ApiException(int status, String slug, String title, String detail, List<ProblemDetails.Entry> problems) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    /** 400: the request itself is malformed (a missing parameter, a body that is not JSON). */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail, List.of());
    }

    /** 400 naming the parameter or field at fault. */
    public static ApiException badParameter(String field, String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail,
                List.of(new ProblemDetails.Entry("request.parameter", detail, new ProblemDetails.Where(null, 0, 0, field))));
    }

    /** 404: the thing named in the path does not exist. */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, List.of());
    }

    /** 422: the content was read but is not valid; each problem is located. */
    public static ApiException invalid(String detail, List<Problem> problems) {
        return new ApiException(422, "invalid-content", "Invalid content", detail,
                problems.stream().map(ProblemDetails.Entry::of).toList());
    }

    /** 503: a part of the engine this call needs is not available in this build or configuration. */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", "Not available", detail, List.of());
    }

    /** The answer an action's refusal stands for, with the same status, type and title as the factories give. */
    public static ApiException of(ActionException refused) {
        return switch (refused.kind()) {
            case BAD_REQUEST -> badRequest(refused.getMessage());
            case BAD_PARAMETER -> badParameter(refused.field(), refused.getMessage());
            case NOT_FOUND -> notFound(refused.getMessage());
            case INVALID -> invalid(refused.getMessage(), refused.problems());
            case UNAVAILABLE -> unavailable(refused.getMessage());
        };
    }

    public int status() {
        return status;
    }

    public ProblemDetails toProblem(String instance) {
        return ProblemDetails.of(slug, title, status, getMessage(), instance, problems);
    }
}

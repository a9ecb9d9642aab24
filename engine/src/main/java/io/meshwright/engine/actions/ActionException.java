package io.meshwright.engine.actions;

import io.meshwright.spi.Problem;
import java.util.List;

/**
 * An action refused what it was asked, saying what to fix. Each transport renders it its own way (HTTP: a problem
 * document with the status {@link Kind} stands for; gRPC: the matching status code), so the actions know nothing
 * of either.
 */
public final class ActionException extends RuntimeException {

    /** What kind of refusal it is. */
    public enum Kind {
        /** The request itself is malformed. */
        BAD_REQUEST,
        /** One named parameter or field is wrong ({@link #field()}). */
        BAD_PARAMETER,
        /** What the request names does not exist. */
        NOT_FOUND,
        /** The content was read but is not valid ({@link #problems()} locates each problem). */
        INVALID,
        /** A part of the engine the action needs is not wired into this engine. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String field;
    private final List<Problem> problems;

    private ActionException(Kind kind, String field, String message, List<Problem> problems) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.problems = List.copyOf(problems);
    }

    public static ActionException badRequest(String message) {
        return new ActionException(Kind.BAD_REQUEST, null, message, List.of());
    }

    public static ActionException badParameter(String field, String message) {
        return new ActionException(Kind.BAD_PARAMETER, field, message, List.of());
    }

    public static ActionException notFound(String message) {
        return new ActionException(Kind.NOT_FOUND, null, message, List.of());
    }

    public static ActionException invalid(String message, List<Problem> problems) {
        return new ActionException(Kind.INVALID, null, message, problems);
    }

    public static ActionException unavailable(String message) {
        return new ActionException(Kind.UNAVAILABLE, null, message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    /** The parameter at fault ({@link Kind#BAD_PARAMETER}), else {@code null}. */
    public String field() {
        return field;
    }

    public List<Problem> problems() {
        return problems;
    }
}

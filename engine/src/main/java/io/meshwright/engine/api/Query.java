package io.meshwright.engine.api;

import io.helidon.webserver.http.ServerRequest;
import io.meshwright.spi.model.ModelStatus;
import java.util.Locale;

/** Typed access to a request's query parameters; a value of the wrong shape is a 400 naming the parameter. */
final class Query {

    private final ServerRequest request;

    Query(ServerRequest request) {
        this.request = request;
    }

    /** The parameter's text, or {@code null} when absent or empty. */
    String text(String name) {
        return request.query().first(name).filter(v -> !v.isBlank()).orElse(null);
    }

    boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badParameter(name, name + ": expected true or false, but was '" + value + "'");
        };
    }

    int integer(String name, int fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, name + ": expected a whole number, but was '" + value + "'");
        }
    }

    ModelStatus status(String name) {
        return status(name, text(name));
    }

    static ModelStatus status(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ModelStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, name + ": expected enabled or ignored, but was '" + value + "'");
        }
    }
}

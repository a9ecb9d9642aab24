package io.meshwright.engine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.util.List;

/**
 * An error response body, {@code application/problem+json} as RFC 9457 defines it, with Meshwright's extension
 * member {@code problems}: every located problem behind the error (a bad field, a file:line:column).
 *
 * @param type     a URI naming the kind of error, {@code https://meshwright.io/problems/<slug>}
 * @param title    a short summary of the kind of error, the same for every occurrence
 * @param status   the HTTP status code
 * @param detail   what went wrong this time, for a person
 * @param instance the request path the error is about
 * @param problems located problems; empty when the error has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(String type, String title, int status, String detail, String instance, List<Entry> problems) {

    /** The media type of the body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_BASE = "https://meshwright.io/problems/";

    public ProblemDetails {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A problem body of kind {@code slug}. */
    public static ProblemDetails of(String slug, String title, int status, String detail, String instance, List<Entry> problems) {
        return new ProblemDetails(TYPE_BASE + slug, title, status, detail, instance, problems);
    }

    /** One located problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String code, String message, Where location) {

        public static Entry of(Problem problem) {
            return new Entry(problem.code(), problem.message(), Where.of(problem.location()));
        }
    }

    /** Where a problem is: a source (file, entry, URL), 1-based line and column (0 when unknown), a field path. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Where(String source, int line, int column, String field) {

        static Where of(Location location) {
            return location == null ? null : new Where(location.source(), location.line(), location.column(), location.field());
        }
    }
}

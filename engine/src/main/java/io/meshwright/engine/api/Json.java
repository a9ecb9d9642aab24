package io.meshwright.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON in and out of HTTP handlers, one mapper for the whole API: records as objects, instants as ISO-8601
 * text, enums by name.
 */
public final class Json {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads the request body as {@code type}; a body that is not valid JSON is a 400 naming line and column. */
    public <T> T read(ServerRequest request, Class<T> type) {
        try (InputStream body = request.content().inputStream()) {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String message = e.getOriginalMessage();
            throw new ApiException(400, "bad-request", "Bad request", "the request body is not valid JSON: " + message,
                    List.of(new ProblemDetails.Entry("json.syntax", message, new ProblemDetails.Where("request body",
                            where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(), null))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    /** Sends {@code body} as JSON with status 200. */
    public void send(ServerResponse response, Object body) {
        send(response, 200, body);
    }

    /** Sends {@code body} as JSON with {@code status}. */
    public void send(ServerResponse response, int status, Object body) {
        response.status(Status.create(status));
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(bytes(body));
    }

    /** Sends a problem response. */
    public void sendProblem(ServerResponse response, ProblemDetails problem) {
        response.status(Status.create(problem.status()));
        response.header(HeaderNames.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE);
        response.send(bytes(problem));
    }

    /** {@code value} as JSON text. */
    public String text(Object value) {
        return new String(bytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }
}

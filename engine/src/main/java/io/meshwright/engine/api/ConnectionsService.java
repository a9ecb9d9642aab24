package io.meshwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.actions.ConnectionsAction;
import io.meshwright.engine.connections.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/connections}: systems the engine reads from.
 * <ul>
 *   <li>{@code GET /} → {@code {items: [{id, type, name, url, version, createdAt}]}} (URLs without credentials)</li>
 *   <li>{@code POST /} with {@code {"type": "prometheus", "url": URL, "name": N}} tests it (build info and a query)
 *       and stores it (201); one that does not answer, or not as Prometheus does, is refused (400, field {@code url})</li>
 *   <li>{@code DELETE /{id}} (id or name) → {@code {deleted: connection}}, 404 when there is none</li>
 * </ul>
 */
final class ConnectionsService implements HttpService {

    private final ApiContext context;

    ConnectionsService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::add)
                .delete("/{id}", this::remove);
    }

    private void list(ServerRequest request, ServerResponse response) {
        context.json().send(response, Map.of("items", context.actions().connections().list().stream()
                .map(ConnectionsService::body).toList()));
    }

    private void add(ServerRequest request, ServerResponse response) {
        JsonNode body = context.json().read(request, JsonNode.class);
        Connection added = context.actions().connections().add(new ConnectionsAction.Add(body.path("type").asText(null),
                body.path("url").asText(null), Optional.ofNullable(body.path("name").asText(null))));
        context.json().send(response, 201, body(added));
    }

    private void remove(ServerRequest request, ServerResponse response) {
        Connection removed = context.actions().connections().remove(request.path().pathParameters().get("id"));
        context.json().send(response, Map.of("deleted", body(removed)));
    }

    static Map<String, Object> body(Connection connection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", connection.id());
        body.put("type", connection.type());
        body.put("name", connection.name());
        body.put("url", connection.displayUrl());
        body.put("version", connection.version());
        body.put("createdAt", connection.createdAt());
        return body;
    }
}

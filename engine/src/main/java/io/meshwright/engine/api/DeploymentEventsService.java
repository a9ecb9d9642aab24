package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;

/**
 * {@code GET /api/deployments/{id}/events}: the deployment's events (subject = its id) as server-sent events,
 * from now on; {@code ?type=a,b} keeps only those event types.
 */
final class DeploymentEventsService implements HttpService {

    private final EventStreams streams;

    DeploymentEventsService(EventStreams streams) {
        this.streams = streams;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/events", this::events);
    }

    private void events(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("id");
        Set<String> types = request.query().first("type")
                .map(list -> Set.of(list.split(","))).orElse(Set.of());
        streams.stream(response, event -> id.equals(event.subject()) && (types.isEmpty() || types.contains(event.type())));
    }
}

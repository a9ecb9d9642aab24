package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.plugins.PluginStatus;
import java.util.Map;

/**
 * {@code GET /health} (and {@code /health/live}, {@code /health/ready}): the engine answers, so it is live;
 * it is ready once it answers at all, since the store and plugins are loaded before the server starts. Failed
 * plugins are shown but do not make the engine unready: the engine runs without them, nor does a sync still
 * retrying a cluster that does not answer ({@code sync.state} RETRYING, with the problem), nor NATS being away
 * ({@code nats.connected} false, with what is buffered and dropped). No token needed.
 */
final class HealthService implements HttpService {

    private final ApiContext context;

    HealthService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health).get("/live", this::health).get("/ready", this::health);
    }

    private void health(ServerRequest request, ServerResponse response) {
        long failed = context.engine().plugins().plugins().stream().filter(p -> p.status() == PluginStatus.FAILED).count();
        java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>(Map.of("status", "UP", "failedPlugins", failed));
        context.sync().ifPresent(sync -> answer.put("sync", sync.status()));
        answer.putAll(context.health().read());
        context.json().send(response, answer);
    }
}

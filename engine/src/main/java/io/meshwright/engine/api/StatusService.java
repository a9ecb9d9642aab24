package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /api/status}: the engine's version, its target cluster (server, kubeconfig, context, whether it
 * answers now and its Kubernetes version), the store (path, size, schema versions) and the plugins by state.
 * Always 200 when the engine runs: an unreachable cluster is part of the answer, not an error.
 */
final class StatusService implements HttpService {

    private final ApiContext context;

    StatusService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::status);
    }

    private void status(ServerRequest request, ServerResponse response) {
        context.json().send(response, context.engine().requireStatus().report());
    }
}

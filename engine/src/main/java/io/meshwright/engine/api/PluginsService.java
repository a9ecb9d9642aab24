package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.plugins.PluginInfo;
import java.util.List;
import java.util.Map;

/** {@code GET /api/plugins} lists plugins; {@code POST /api/plugins/reload} reloads them from their folders. */
final class PluginsService implements HttpService {

    private final PluginHost plugins;
    private final Json json;

    PluginsService(PluginHost plugins, Json json) {
        this.plugins = plugins;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).post("/reload", this::reload);
    }

    private void list(ServerRequest request, ServerResponse response) {
        json.send(response, body(plugins.plugins()));
    }

    private void reload(ServerRequest request, ServerResponse response) {
        json.send(response, body(plugins.reload()));
    }

    private Map<String, Object> body(List<PluginInfo> found) {
        return Map.of("items", found, "roots", plugins.roots().stream().map(Object::toString).toList());
    }
}

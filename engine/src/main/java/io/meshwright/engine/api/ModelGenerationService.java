package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.spi.Problem;
import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.model.ModelBundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/registry/generate?from=cluster}: dynamic model generation from the target cluster — a
 * {@code kubernetes} model of its built-in kinds (schemas from its OpenAPI) and one model per CRD group — registered
 * through the import path (validation, content keys, no duplicates: a second run reports everything unchanged).
 */
final class ModelGenerationService implements HttpService {

    private final ApiContext context;

    ModelGenerationService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::generate);
    }

    private void generate(ServerRequest request, ServerResponse response) {
        String from = new Query(request).text("from");
        if (!"cluster".equals(from)) {
            throw ApiException.badParameter("from", "from: expected cluster, but was '" + from + "'");
        }
        long start = System.nanoTime();
        List<ModelBundle> bundles = context.requireDesignTools().clusterModels().generate();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<Problem> rejected = new ArrayList<>();
        int unchanged = 0;
        for (ModelBundle bundle : bundles) {
            RegistrationResult result = context.registry().view().register(bundle, bundle.model().registrant());
            created.addAll(result.created());
            updated.addAll(result.updated());
            unchanged += result.unchanged();
            rejected.addAll(result.rejected());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("models", bundles.stream().map(b -> b.model().name() + "@" + b.model().version()).toList());
        body.put("components", bundles.stream().mapToInt(b -> b.components().size()).sum());
        body.put("created", created);
        body.put("updated", updated);
        body.put("unchanged", unchanged);
        body.put("rejected", rejected);
        body.put("seconds", (System.nanoTime() - start) / 1e9);
        context.json().send(response, body);
    }

    /** Generates models from the target cluster. */
    @FunctionalInterface
    public interface ClusterModels {
        List<ModelBundle> generate();
    }
}

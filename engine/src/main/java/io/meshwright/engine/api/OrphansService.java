package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.actions.OrphansAction;
import io.meshwright.engine.lifecycle.Orphan;
import io.meshwright.engine.lifecycle.OrphanReport;
import io.meshwright.engine.lifecycle.UndeployOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/orphans}: objects carrying Meshwright's deployment label that no inventory holds, and CRDs whose every
 * claimant is gone.
 * <ul>
 *   <li>{@code GET /} → {@code {engine, orphans[], unscanned[]}}, each orphan with its reason, why, origin and the
 *       engine id it carries</li>
 *   <li>{@code POST /clean} removes them under undeploy's rules; {@code dryRun} defaults to true (say
 *       {@code dryRun=false} to delete), {@code timeout}, {@code includeUnknown} (also orphans without an engine id),
 *       {@code engines} (comma-separated ids of gone engines whose orphans go too) →
 *       {@code {engine, dryRun, orphans[], outcomes[], unscanned[]}}</li>
 * </ul>
 */
final class OrphansService implements HttpService {

    private final ApiContext context;

    OrphansService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::scan).post("/clean", this::clean);
    }

    private void scan(ServerRequest request, ServerResponse response) {
        OrphanReport report = context.actions().orphans().scan();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("engine", report.engineId());
        body.put("orphans", report.orphans().stream().map(OrphansService::orphan).toList());
        body.put("unscanned", report.unscanned());
        context.json().send(response, body);
    }

    private void clean(ServerRequest request, ServerResponse response) {
        Query query = new Query(request);
        boolean dryRun = query.text("dryRun") == null || query.bool("dryRun");
        String engines = query.text("engines");
        OrphanReport report = context.actions().orphans().clean(new OrphansAction.Options(dryRun,
                DeploymentsService.duration(query, UndeployOptions.defaults().timeout()), query.bool("includeUnknown"),
                engines == null || engines.isBlank() ? java.util.Set.of() : java.util.Arrays.stream(engines.split(","))
                        .map(String::strip).filter(e -> !e.isEmpty()).collect(java.util.stream.Collectors.toSet())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("engine", report.engineId());
        body.put("dryRun", dryRun);
        body.put("orphans", report.orphans().stream().map(OrphansService::orphan).toList());
        body.put("outcomes", report.removals().stream().map(r -> {
            Map<String, Object> outcome = new LinkedHashMap<>(DeploymentsService.outcome(r.outcome(), dryRun));
            outcome.put("command", r.command());
            return outcome;
        }).toList());
        body.put("unscanned", report.unscanned());
        context.json().send(response, body);
    }

    private static Map<String, Object> orphan(Orphan orphan) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("object", orphan.ref().toString());
        row.put("ref", orphan.ref());
        row.put("uid", orphan.uid());
        row.put("deployment", orphan.deploymentId());
        row.put("reason", orphan.reason());
        row.put("why", orphan.why());
        row.put("origin", orphan.origin());
        row.put("engine", orphan.origin() == Orphan.Origin.THIS_ENGINE ? "this"
                : orphan.engineId() == null ? "none" : orphan.engineId());
        row.put("adopted", orphan.preExisting());
        return row;
    }
}

package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.actions.DeployAction;
import io.meshwright.engine.actions.DesignInput;
import io.meshwright.engine.actions.UndeployAction;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.engine.lifecycle.WaitPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/deployments}: deploy, inspect and undeploy.
 * <ul>
 *   <li>{@code POST /} deploys the design in the body, or the saved design {@code ?design=NAME[&version=N]};
 *       options {@code wait=none|applied|healthy}, {@code timeout=PT5M}, {@code adopt}, {@code concurrency};
 *       {@code ?async=true} answers 202 with the id at once (follow {@code /{id}/events}), otherwise the
 *       answer is the deployment in its final state, with {@code inventorySize}</li>
 *   <li>{@code POST /id}: the id the design (body or {@code ?design=}) deploys as, changing nothing</li>
 *   <li>{@code GET /}, {@code GET /{id}}, {@code GET /{id}/inventory}, {@code GET /{id}/history}</li>
 *   <li>{@code DELETE /{id}} undeploys: {@code keepCrds}, {@code deleteAdopted}, {@code timeout}, {@code dryRun}
 *       → the report (outcome per object, leftovers with the command to remove each)</li>
 *   <li>{@code GET /{id}/diff}, {@code POST /{id}/reconcile}: drift ({@link DriftRoutes})</li>
 *   <li>{@code GET /{id}/events}: server-sent events from now on ({@code ?type=a,b} filters)</li>
 * </ul>
 */
final class DeploymentsService implements HttpService {

    private final ApiContext context;
    private final Json json;
    private final DriftRoutes drift;

    DeploymentsService(ApiContext context) {
        this.context = context;
        this.json = context.json();
        this.drift = new DriftRoutes(context);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::deploy)
                .post("/id", this::idOf)
                .get("/", this::list)
                .get("/{id}/events", this::events)
                .get("/{id}/inventory", this::inventory)
                .get("/{id}/history", this::history)
                .get("/{id}/diff", drift::diff)
                .post("/{id}/reconcile", drift::reconcile)
                .get("/{id}", this::get)
                .delete("/{id}", this::undeploy);
    }

    private void deploy(ServerRequest request, ServerResponse response) {
        Query query = new Query(request);
        DeployAction.Result result = context.actions().deploy().run(
                new DeployAction.Options(design(request, query), options(query), query.bool("async")));
        switch (result) {
            case DeployAction.Result.Started started -> json.send(response, 202,
                    Map.of("id", started.id(), "events", "/api/deployments/" + started.id() + "/events"));
            case DeployAction.Result.Finished finished -> json.send(response, withInventorySize(finished.deployment()));
        }
    }

    /**
     * The deployment, and how many objects its inventory holds ({@code inventorySize}): what {@code design apply}
     * prints, without fetching the whole inventory to count it.
     */
    private Map<String, Object> withInventorySize(DeploymentRecord deployment) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.mapper().convertValue(deployment, LinkedHashMap.class);
        body.put("inventorySize", context.engine().requireDeployments().inventory(deployment.id()).size());
        return body;
    }

    /** The id the design in the body deploys as, so a client can follow its events before deploying. */
    private void idOf(ServerRequest request, ServerResponse response) {
        json.send(response, Map.of("id", context.actions().deploy().idOf(design(request, new Query(request)))));
    }

    /** The body, or the saved design {@code ?design=NAME[&version=N]}. */
    static DesignInput design(ServerRequest request, Query query) {
        String saved = query.text("design");
        if (saved == null) {
            return DesignRequest.of(request).input();
        }
        int version = query.integer("version", 0);
        return new DesignInput.Saved(saved, version > 0 ? Optional.of(version) : Optional.empty());
    }

    /**
     * "0 left" only when the deployment is UNDEPLOYED, which the engine sets only after a complete scan found
     * nothing; otherwise what is known.
     */
    static String summary(UndeployReport report, boolean dryRun) {
        if (dryRun) {
            return "dry run: nothing was changed";
        }
        return switch (report.deployment().state()) {
            case UNDEPLOYED -> report.verifiedEmpty() ? "0 left" : report.leftovers().size() + " left, "
                    + report.unscanned().size() + " kind(s) not scanned";
            case UNDEPLOYED_WITH_LEFTOVERS -> report.leftovers().size() + " left";
            case UNDEPLOYED_UNVERIFIED -> "not verified: " + report.unscanned().size() + " kind(s) could not be scanned"
                    + (report.leftovers().isEmpty() ? "" : ", " + report.leftovers().size() + " left");
            default -> "not undeployed: " + report.deployment().state()
                    + (report.deployment().cause() == null ? "" : " (" + report.deployment().cause().lines().findFirst().orElse("") + ")");
        };
    }

    private DeployOptions options(Query query) {
        DeployOptions defaults = context.engine().deployDefaults();
        String wait = query.text("wait");
        WaitPolicy policy = defaults.waitPolicy();
        if (wait != null) {
            try {
                policy = WaitPolicy.valueOf(wait.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("wait", "wait: expected none, applied or healthy, but was '" + wait + "'");
            }
        }
        String createNamespaces = query.text("createNamespaces");
        return new DeployOptions(policy, duration(query, defaults.timeout()), query.bool("installDependencies"),
                query.bool("adopt"), query.integer("concurrency", defaults.concurrency()), query.bool("prune"),
                createNamespaces == null || !createNamespaces.equalsIgnoreCase("false"), query.bool("trustSource"));
    }

    static Duration duration(Query query, Duration fallback) {
        String text = query.text("timeout");
        if (text == null) {
            return fallback;
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT).startsWith("P") ? text : "PT" + text);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("timeout", "timeout: expected a duration such as 90s or PT5M, but was '" + text + "'");
        }
    }

    private void list(ServerRequest request, ServerResponse response) {
        json.send(response, Map.of("items", context.engine().requireDeployments().list()));
    }

    private DeploymentRecord record(ServerRequest request) {
        String id = request.path().pathParameters().get("id");
        return context.engine().requireDeployments().get(id).orElseThrow(() -> ApiException.notFound("no deployment with id " + id));
    }

    /** The deployment, with {@code parts}: what each part's deployer reported about what it runs (a Git commit). */
    private void get(ServerRequest request, ServerResponse response) {
        DeploymentRecord record = record(request);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.mapper().convertValue(record, LinkedHashMap.class);
        body.put("parts", context.engine().requireDeployments().partDetails(record.id()));
        json.send(response, body);
    }

    private void inventory(ServerRequest request, ServerResponse response) {
        json.send(response, Map.of("items", context.engine().requireDeployments().inventory(record(request).id())));
    }

    private void history(ServerRequest request, ServerResponse response) {
        json.send(response, Map.of("items", context.engine().requireDeployments().history(record(request).id())));
    }

    private void undeploy(ServerRequest request, ServerResponse response) {
        Query query = new Query(request);
        UndeployOptions options = new UndeployOptions(!query.bool("keepCrds"), query.bool("deleteAdopted"),
                duration(query, UndeployOptions.defaults().timeout()), query.bool("dryRun"));
        UndeployReport report = context.actions().undeploy().run(
                new UndeployAction.Options(request.path().pathParameters().get("id"), options));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deployment", report.deployment());
        body.put("dryRun", options.dryRun());
        body.put("outcomes", report.outcomes().stream().map(o -> outcome(o, options.dryRun())).toList());
        body.put("leftovers", report.leftovers());
        body.put("unscanned", report.unscanned());
        body.put("summary", summary(report, options.dryRun()));
        json.send(response, body);
    }

    static Map<String, Object> outcome(DeleteOutcome outcome, boolean dryRun) {
        String result = switch (outcome) {
            case DeleteOutcome.Deleted d -> "deleted";
            case DeleteOutcome.AlreadyGone g -> "already-gone";
            case DeleteOutcome.Kept k -> "kept";
            case DeleteOutcome.BlockedByFinalizers b -> "blocked";
            case DeleteOutcome.Failed f -> "failed";
        };
        String why = switch (outcome) {
            case DeleteOutcome.AlreadyGone g -> g.reason();
            case DeleteOutcome.Kept k -> k.reason();
            case DeleteOutcome.BlockedByFinalizers b -> "held by finalizers " + b.finalizers();
            case DeleteOutcome.Failed f -> f.message();
            case DeleteOutcome.Deleted d -> "";
        };
        return Map.of("object", outcome.ref().toString(), "result", dryRun ? "would-be-" + result : result, "reason", why);
    }

    private void events(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("id");
        Set<String> types = request.query().first("type").map(list -> Set.of(list.split(","))).orElse(Set.of());
        context.streams().stream(response, event -> id.equals(event.subject()) && (types.isEmpty() || types.contains(event.type())));
    }
}

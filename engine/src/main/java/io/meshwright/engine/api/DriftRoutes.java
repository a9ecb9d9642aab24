package io.meshwright.engine.api;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.actions.DriftAction;
import io.meshwright.engine.sync.drift.DriftReport;
import io.meshwright.engine.sync.drift.FieldDrift;
import io.meshwright.engine.sync.drift.ObjectDrift;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/deployments/{id}/diff} → {@code {deployment, drifted, summary, objects: [{object, verdict, fields:
 * [{path, deployed, live}]}]}} (judging the drift moves the deployment to DRIFTED or back to DEPLOYED) and
 * {@code POST /api/deployments/{id}/reconcile} → {@code {deployment, summary, before, after}}. Registered by
 * {@link DeploymentsService}.
 */
final class DriftRoutes {

    private final ApiContext context;

    DriftRoutes(ApiContext context) {
        this.context = context;
    }

    void diff(ServerRequest request, ServerResponse response) {
        DriftAction.Diff diff = context.actions().drift().diff(request.path().pathParameters().get("id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deployment", diff.deployment());
        body.putAll(report(diff.report()));
        context.json().send(response, body);
    }

    void reconcile(ServerRequest request, ServerResponse response) {
        DriftAction.Reconciled reconciled = context.actions().drift().reconcile(request.path().pathParameters().get("id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deployment", reconciled.deployment());
        body.put("summary", summary(reconciled));
        body.put("before", report(reconciled.before()));
        body.put("after", reconciled.after().map(DriftRoutes::report).orElse(null));
        context.json().send(response, body);
    }

    /** What the reconcile put back, for people. */
    static String summary(DriftAction.Reconciled reconciled) {
        long fields = reconciled.before().drifted().stream().mapToLong(o -> o.fields().size()).sum();
        long recreated = reconciled.before().drifted().stream()
                .filter(o -> o.verdict() == ObjectDrift.Verdict.MISSING).count();
        String state = reconciled.deployment().state().name();
        if (reconciled.before().drifted().isEmpty()) {
            return "nothing had drifted; re-applied as deployed: " + state;
        }
        return "put back " + fields + " field(s) and re-created " + recreated + " object(s) on "
                + reconciled.before().drifted().size() + " object(s): " + state
                + reconciled.after().map(after -> after.drifted().isEmpty() ? "" : "; still drifted: " + after.summary())
                        .orElse("");
    }

    static Map<String, Object> report(DriftReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("drifted", !report.drifted().isEmpty());
        body.put("summary", report.summary());
        body.put("version", report.version());
        body.put("checkedAt", report.checkedAt());
        body.put("objects", report.objects().stream().map(DriftRoutes::object).toList());
        body.put("skipped", report.skipped());
        return body;
    }

    private static Map<String, Object> object(ObjectDrift drift) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", drift.ref().toString());
        body.put("ref", drift.ref());
        body.put("part", drift.partId());
        body.put("verdict", drift.verdict());
        body.put("message", drift.message());
        body.put("fields", drift.fields().stream().map(DriftRoutes::field).toList());
        return body;
    }

    private static Map<String, Object> field(FieldDrift field) {
        Map<String, Object> body = new HashMap<>();
        body.put("path", field.path());
        body.put("deployed", field.deployed());
        body.put("live", field.live());
        return body;
    }
}

package io.meshwright.engine.actions;

import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import java.util.Locale;

/** Undeploy: removes everything a deployment created, in reverse order, and scans for leftovers. */
public final class UndeployAction {

    /** @param deploymentId the deployment; @param options what to keep, how long to wait, whether to only say */
    public record Options(String deploymentId, UndeployOptions options) {}

    private final EngineContext context;

    public UndeployAction(EngineContext context) {
        this.context = context;
    }

    /** The report: the outcome per object and what is left over, with the command to remove each. */
    public UndeployReport run(Options options) {
        String id = options.deploymentId();
        if (id == null || id.isBlank()) {
            throw ActionException.badParameter("deploymentId", "expected a deployment id, but it was empty");
        }
        var deployments = context.requireDeployments();
        deployments.get(id).orElseThrow(() -> ActionException.notFound("no deployment with id " + id));
        context.requireReachable();
        UndeployReport report = deployments.undeploy(id, options.options());
        context.counter().count("undeploy", report.deployment().state().name().toLowerCase(Locale.ROOT));
        return report;
    }
}

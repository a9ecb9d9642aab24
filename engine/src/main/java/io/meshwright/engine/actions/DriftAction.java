package io.meshwright.engine.actions;

import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.engine.lifecycle.UnknownDeploymentException;
import io.meshwright.engine.sync.drift.DriftDetector;
import io.meshwright.engine.sync.drift.DriftReport;
import io.meshwright.spi.deploy.DeploymentState;
import java.util.Locale;
import java.util.Optional;

/**
 * Drift of a deployed deployment: {@link #diff} compares what it deployed with what runs (a server-side dry run
 * of the deployed design against the live objects) and moves it to DRIFTED or back to DEPLOYED accordingly;
 * {@link #reconcile} re-applies the deployed design through the normal deploy and says what it put back.
 */
public final class DriftAction {

    /**
     * A diff.
     *
     * @param deployment the deployment after the judgement (DRIFTED or DEPLOYED)
     * @param report     every declared object, with the fields that differ
     */
    public record Diff(DeploymentRecord deployment, DriftReport report) {}

    /**
     * A reconcile.
     *
     * @param before     the drift it found and re-applied over
     * @param deployment the deployment in its final state
     * @param after      the drift left afterwards; empty when the re-apply did not end DEPLOYED
     */
    public record Reconciled(DriftReport before, DeploymentRecord deployment, Optional<DriftReport> after) {}

    private final EngineContext context;

    public DriftAction(EngineContext context) {
        this.context = context;
    }

    /**
     * Judges {@code deploymentId}'s drift now.
     *
     * @throws ActionException when it is not DEPLOYED or DRIFTED
     * @throws UnknownDeploymentException when there is none
     */
    public Diff diff(String deploymentId) {
        context.requireReachable();
        return judge(deploymentId).orElseThrow(() -> notSettled(context.requireDeployments(), deploymentId,
                "drift is judged only for a DEPLOYED or DRIFTED deployment (deploy it first)"));
    }

    /**
     * Judges {@code deploymentId}'s drift when it is DEPLOYED or DRIFTED; empty in any other state (a deploy or an
     * undeploy has it, or it failed): what the sync's change events trigger.
     */
    public Optional<Diff> judge(String deploymentId) {
        Deployments deployments = context.requireDeployments();
        DriftDetector detector = detector(deployments);
        return deployments.judgeDrift(deploymentId, stored -> detector.check(deploymentId, stored), DriftAction::cause)
                .map(report -> new Diff(deployments.get(deploymentId).orElseThrow(), report));
    }

    /**
     * Re-applies what {@code deploymentId} deployed, as deployed; a deployment without drift is re-applied too
     * (which changes nothing).
     */
    public Reconciled reconcile(String deploymentId) {
        Deployments deployments = context.requireDeployments();
        context.requireReachable();
        DriftReport before = judge(deploymentId).orElseThrow(() -> notSettled(deployments, deploymentId, "reconcile re-applies"
                + " what a DEPLOYED or DRIFTED deployment deployed (deploy the design again instead)")).report();
        DeploymentRecord after = deployments.reconcile(deploymentId);
        context.counter().count("reconcile", after.state().name().toLowerCase(Locale.ROOT));
        Optional<DriftReport> left = after.state() == DeploymentState.DEPLOYED
                ? Optional.of(diff(deploymentId).report()) : Optional.empty();
        return new Reconciled(before, deployments.get(deploymentId).orElse(after), left);
    }

    /** The detector over the engine's target cluster. */
    public DriftDetector detector() {
        return detector(context.requireDeployments());
    }

    private DriftDetector detector(Deployments deployments) {
        EngineContext.Target target = context.requireTarget();
        return new DriftDetector(target.checks(), target.deployers(), target.cluster(), target.defaultNamespace(),
                deployments, context.clock());
    }

    /** The deployment's cause while drifted; none when nothing drifted. */
    public static Optional<String> cause(DriftReport report) {
        return report.drifted().isEmpty() ? Optional.empty() : Optional.of(report.summary());
    }

    private static ActionException notSettled(Deployments deployments, String id, String why) {
        DeploymentState state = deployments.get(id).map(DeploymentRecord::state)
                .orElseThrow(() -> new UnknownDeploymentException(id));
        return ActionException.badRequest("deployment " + id + " is " + state + ": " + why);
    }
}

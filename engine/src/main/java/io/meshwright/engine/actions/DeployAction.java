package io.meshwright.engine.actions;

import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.spi.Severity;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.event.Event;
import java.util.Locale;
import java.util.Map;

/** Deploy: reads the design, checks the cluster answers, then deploys it (waiting, or in the background). */
public final class DeployAction {

    /**
     * @param design  the design to deploy
     * @param options how to deploy it ({@link EngineContext#deployDefaults()} for what the caller leaves out)
     * @param async   start and return at once; the deployment's events tell the rest
     */
    public record Options(DesignInput design, DeployOptions options, boolean async) {}

    /** How the deploy ended, or that it started. */
    public sealed interface Result {
        /** The deployment in its final state. */
        record Finished(DeploymentRecord deployment) implements Result {}

        /** The deploy runs in the background; follow the events of {@code id}. */
        record Started(String id) implements Result {}
    }

    private final EngineContext context;
    private final RecentDesigns recent;

    public DeployAction(EngineContext context) {
        this.context = context;
        this.recent = new RecentDesigns(context.clock());
    }

    public Result run(Options options) {
        Deployments deployments = context.requireDeployments();
        // The id was asked for a moment ago (the CLI follows the events first): that read is not repeated.
        Design design = recent.take(options.design()).orElseGet(() -> context.read(options.design())).design();
        // An unreachable cluster is refused before the deployment is recorded, not a FAILED deployment.
        context.requireReachable();
        if (!options.async()) {
            return new Result.Finished(count(deployments.deploy(design, options.options())));
        }
        deployments.checkAccepting(); // a stopping engine refuses at once rather than starting work it will abandon
        String id = deployments.idFor(design);
        Thread.ofVirtual().name("deploy-" + id).start(() -> {
            try {
                count(deployments.deploy(design, options.options()));
            } catch (RuntimeException e) {
                // Nobody waits on this thread: the failure goes to the deployment's event stream.
                context.counter().count("deploy", "error");
                context.events().publish(new Event.Note("deployment.error", id, Severity.ERROR,
                        "deploy could not run: " + e.getMessage(), Map.of(), context.clock().instant()));
            }
        });
        return new Result.Started(id);
    }

    /** The id {@code design} deploys as (or did), changing nothing: a client follows its events before deploying. */
    public String idOf(DesignInput design) {
        Deployments deployments = context.requireDeployments();
        DesignReader.Read read = context.read(design);
        recent.keep(design, read);
        return deployments.idFor(read.design());
    }

    private DeploymentRecord count(DeploymentRecord record) {
        context.counter().count("deploy", record.state().name().toLowerCase(Locale.ROOT));
        return record;
    }
}

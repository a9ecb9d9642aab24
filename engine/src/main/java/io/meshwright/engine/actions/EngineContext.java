package io.meshwright.engine.actions;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.design.DesignNaming;
import io.meshwright.engine.design.DesignStore;
import io.meshwright.engine.design.StoredDesign;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeployerSelector;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.engine.lifecycle.DesignChecks;
import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.sources.ModelGeneration;
import io.meshwright.engine.status.EngineStatus;
import io.meshwright.spi.event.EventSink;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the actions run over, built once by the composition root (or by a test). Parts a build may not have are
 * {@link Optional}: an action that needs an absent one refuses with {@link ActionException#unavailable} naming it.
 *
 * @param registry        the model registry
 * @param plugins         the plugin host
 * @param deployments     the deploy/undeploy lifecycle
 * @param designReader    reads design text and uploads
 * @param target          the target cluster's checks, deployers and saved designs
 * @param modelGeneration model sources and generation schedules
 * @param status          the engine's version, target cluster, store and plugins
 * @param events          where actions report what callers do not wait for
 * @param clock           the clock
 * @param counter         counts how actions end
 */
public record EngineContext(
        Registry registry,
        PluginHost plugins,
        Optional<Deployments> deployments,
        Optional<DesignReader> designReader,
        Optional<Target> target,
        Optional<ModelGeneration> modelGeneration,
        Optional<EngineStatus> status,
        EventSink events,
        Clock clock,
        ActionCounter counter) {

    /**
     * The target cluster as plan and validate see it, the engine's deploy defaults, and saved designs.
     *
     * @param checks           validation and planning against the registry and the cluster
     * @param deployers        the deployer for each part
     * @param cluster          the target cluster (dry runs, served kinds)
     * @param defaultNamespace where a namespaced object that names none goes
     * @param deployDefaults   deploy options a request leaves out ({@code serve --wait/--timeout})
     * @param designs          saved designs
     */
    public record Target(DesignChecks checks, DeployerSelector deployers, TargetCluster cluster, String defaultNamespace,
            DeployOptions deployDefaults, DesignStore designs) {}

    public EngineContext {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(deployments, "deployments");
        Objects.requireNonNull(designReader, "designReader");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(modelGeneration, "modelGeneration");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(counter, "counter");
    }

    /** The lifecycle, or a refusal saying it is not wired into this engine. */
    public Deployments requireDeployments() {
        return deployments.orElseThrow(() -> ActionException.unavailable(
                "deployments are not available: the deployment lifecycle is not wired into this engine"));
    }

    /** The design reader, or a refusal saying it is not wired into this engine. */
    public DesignReader requireDesignReader() {
        return designReader.orElseThrow(() -> ActionException.unavailable(
                "designs are not available: the design reader is not wired into this engine"));
    }

    /** The target cluster's parts, or a refusal saying none is wired into this engine. */
    public Target requireTarget() {
        return target.orElseThrow(() -> ActionException.unavailable(
                "designs are not available: no target cluster is wired into this engine"));
    }

    /** Saved designs, or a refusal saying they are not wired into this engine. */
    public DesignStore requireDesignStore() {
        return requireTarget().designs();
    }

    /** Model sources and schedules, or a refusal saying they are not wired into this engine. */
    public ModelGeneration requireModelGeneration() {
        return modelGeneration.orElseThrow(() -> ActionException.unavailable(
                "model generation is not available: no model sources are wired into this engine"));
    }

    /** The engine's status, or a refusal saying it is not wired into this engine. */
    public EngineStatus requireStatus() {
        return status.orElseThrow(() -> ActionException.unavailable(
                "status is not available: no target cluster is wired into this engine"));
    }

    /** Deploy options a request leaves out: the engine's ({@code serve --wait/--timeout}), else the built-in ones. */
    public DeployOptions deployDefaults() {
        return target.map(Target::deployDefaults).orElse(DeployOptions.defaults());
    }

    /** A refusal to act on a cluster that does not answer (before anything is recorded), when the status is wired. */
    void requireReachable() {
        status.ifPresent(EngineStatus::requireReachable);
    }

    /** The design {@code input} names, with the text that was parsed (for an image tarball, its design file). */
    public DesignReader.Read read(DesignInput input) {
        DesignReader reader = requireDesignReader();
        return switch (input) {
            case DesignInput.Upload upload -> reader.read(upload.content(), upload.source(), upload.naming());
            case DesignInput.Text text -> new DesignReader.Read(reader.read(text.text(), text.source(), text.naming()), text.text());
            case DesignInput.Saved saved -> {
                StoredDesign stored = requireDesignStore().get(saved.name(), saved.version())
                        .orElseThrow(() -> ActionException.notFound("no saved design named " + saved.name()
                                + saved.version().map(v -> " at version " + v).orElse("")));
                yield new DesignReader.Read(reader.read(stored.text(), stored.source() == null ? stored.name() : stored.source(),
                        new DesignNaming.Stored(stored.name(), stored.designId())), stored.text());
            }
        };
    }
}

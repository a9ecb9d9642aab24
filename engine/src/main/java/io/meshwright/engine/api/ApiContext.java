package io.meshwright.engine.api;

import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.sources.ModelGeneration;
import io.meshwright.engine.status.EngineStatus;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP and gRPC routes need of the engine, built once by {@link io.meshwright.engine.Engine} (or by a
 * test). Parts that a build may not have yet are {@link Optional}: routes that need an absent part answer
 * 503 (gRPC: UNAVAILABLE) naming it.
 *
 * @param json        the JSON mapper of the API
 * @param metrics     counters and gauges served at {@code /metrics}
 * @param token       the bearer token every call but {@code /health} must carry
 * @param events      the event bus
 * @param streams     server-sent event streams (closed when the engine stops)
 * @param plugins     the plugin host
 * @param registry    the model registry
 * @param deployments the deploy/undeploy lifecycle, when wired
 * @param designs     reads design text, when wired
 * @param designTools saved designs, plan previews and deploy defaults, when wired
 * @param modelGeneration model sources, the generate action and generation schedules, when wired
 * @param clock       the clock
 * @param status      the engine's version, target cluster, store and plugins, when wired
 */
public record ApiContext(
        Json json,
        Metrics metrics,
        BearerToken token,
        EventBus events,
        EventStreams streams,
        PluginHost plugins,
        Registry registry,
        Optional<Deployments> deployments,
        Optional<DesignReader> designs,
        Optional<DesignTools> designTools,
        Optional<ModelGeneration> modelGeneration,
        Clock clock,
        Optional<EngineStatus> status) {

    public ApiContext {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(deployments, "deployments");
        Objects.requireNonNull(designs, "designs");
        Objects.requireNonNull(designTools, "designTools");
        Objects.requireNonNull(modelGeneration, "modelGeneration");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(status, "status");
    }

    /** A context without {@link EngineStatus} (tests that need no target cluster). */
    public ApiContext(Json json, Metrics metrics, BearerToken token, EventBus events, EventStreams streams,
            PluginHost plugins, Registry registry, Optional<Deployments> deployments, Optional<DesignReader> designs,
            Optional<DesignTools> designTools, Clock clock) {
        this(json, metrics, token, events, streams, plugins, registry, deployments, designs, designTools,
                Optional.empty(), clock, Optional.empty());
    }

    /** A context without the status report. */
    public ApiContext(Json json, Metrics metrics, BearerToken token, EventBus events, EventStreams streams,
            PluginHost plugins, Registry registry, Optional<Deployments> deployments, Optional<DesignReader> designs,
            Optional<DesignTools> designTools, Optional<ModelGeneration> modelGeneration, Clock clock) {
        this(json, metrics, token, events, streams, plugins, registry, deployments, designs, designTools,
                modelGeneration, clock, Optional.empty());
    }

    /** Model sources and schedules, or a 503 saying they are not wired into this engine. */
    public ModelGeneration requireModelGeneration() {
        return modelGeneration.orElseThrow(() -> ApiException.unavailable(
                "model generation is not available: no model sources are wired into this engine"));
    }

    /** The lifecycle, or a 503 saying it is not wired into this engine. */
    public Deployments requireDeployments() {
        return deployments.orElseThrow(() -> ApiException.unavailable(
                "deployments are not available: the deployment lifecycle is not wired into this engine"));
    }

    /** The design reader, or a 503 saying it is not wired into this engine. */
    public DesignReader requireDesigns() {
        return designs.orElseThrow(() -> ApiException.unavailable(
                "designs are not available: the design reader is not wired into this engine"));
    }

    /** Saved designs and plan previews, or a 503 saying they are not wired into this engine. */
    public DesignTools requireDesignTools() {
        return designTools.orElseThrow(() -> ApiException.unavailable(
                "designs are not available: no target cluster is wired into this engine"));
    }

    /** The engine's status, or a 503 saying it is not wired into this engine. */
    public EngineStatus requireStatus() {
        return status.orElseThrow(() -> ApiException.unavailable(
                "status is not available: no target cluster is wired into this engine"));
    }

    /** Counts deploy and undeploy calls by outcome; every route or rpc that deploys or undeploys increments it. */
    public Metrics.Counter deploymentsCounter() {
        return metrics.counter("meshwright_deployments_total", "deploy and undeploy calls, by operation and outcome",
                "operation", "outcome");
    }
}

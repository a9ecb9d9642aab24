package io.meshwright.engine.api;

import io.meshwright.engine.actions.ActionCounter;
import io.meshwright.engine.actions.Actions;
import io.meshwright.engine.actions.EngineContext;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.sync.Sync;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP and gRPC routes need, built once by the composition root, {@code Engine} (or by a test): the wire
 * format, metrics, the token, the event streams, and the {@link Actions} every route binds to.
 *
 * @param json    the JSON mapper of the API
 * @param metrics counters and gauges served at {@code /metrics}
 * @param token   the bearer token every call but {@code /health} must carry
 * @param events  the event bus (gRPC's event stream subscribes to it)
 * @param streams server-sent event streams (closed when the engine stops)
 * @param actions deploy, undeploy, plan, validate, import and generate, over the engine's context
 * @param sync    the sync's view of cluster objects and the own cluster's watch; empty when not wired
 * @param health  what features add to {@code /health} (NATS)
 */
public record ApiContext(Json json, Metrics metrics, BearerToken token, EventBus events, EventStreams streams,
        Actions actions, Optional<Sync> sync, HealthSections health) {

    /** With no extra {@code /health} sections. */
    public ApiContext(Json json, Metrics metrics, BearerToken token, EventBus events, EventStreams streams, Actions actions,
            Optional<Sync> sync) {
        this(json, metrics, token, events, streams, actions, sync, new HealthSections());
    }

    /** Without the sync ({@code /api/cluster/objects} answers 503). */
    public ApiContext(Json json, Metrics metrics, BearerToken token, EventBus events, EventStreams streams, Actions actions) {
        this(json, metrics, token, events, streams, actions, Optional.empty());
    }

    public ApiContext {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(health, "health");
    }

    /** The engine context the actions run over (read-only routes read it too). */
    public EngineContext engine() {
        return actions.context();
    }

    /** Counts deploy and undeploy calls by outcome; every route or rpc that deploys or undeploys increments it. */
    public Metrics.Counter deploymentsCounter() {
        return deployments(metrics);
    }

    private static Metrics.Counter deployments(Metrics metrics) {
        return metrics.counter("meshwright_deployments_total", "deploy and undeploy calls, by operation and outcome",
                "operation", "outcome");
    }

    /** How actions' outcomes land in {@code metrics}: deploys and undeploys in one counter, imports in another. */
    public static ActionCounter counter(Metrics metrics) {
        Metrics.Counter deployments = deployments(metrics);
        Metrics.Counter imports = metrics.counter("meshwright_registry_imports_total", "registry imports, by outcome", "outcome");
        return (action, outcome) -> {
            if (action.equals("import")) {
                imports.inc(outcome);
            } else {
                deployments.inc(action, outcome);
            }
        };
    }
}

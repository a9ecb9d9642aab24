package io.meshwright.engine.actions;

import java.util.Objects;

/**
 * Every action the transports offer, over one {@link EngineContext}. HTTP, gRPC and the CLI (which talks HTTP) parse
 * a request into an action's options, call {@code run} and render its typed result; none holds logic of its own.
 *
 * @param context the parts the actions run over; read-only routes (listings, saved designs, status) read it too
 */
public record Actions(EngineContext context, DeployAction deploy, UndeployAction undeploy, PlanAction plan,
        ValidateAction validate, ImportAction importModels, GenerateAction generate, OrphansAction orphans,
        DriftAction drift, ConnectionsAction connections) {

    public Actions {
        Objects.requireNonNull(context, "context");
    }

    /** The actions over {@code context}, without a store for connections (they are refused as unavailable). */
    public static Actions over(EngineContext context) {
        return over(context, new ConnectionsAction(java.util.Optional.empty(), context.clock(), java.time.Duration.ZERO,
                () -> { }, new io.meshwright.engine.fetch.UrlFetcher(io.meshwright.engine.fetch.UrlFetcher.Settings.defaults())));
    }

    /** The actions over {@code context}, with {@code connections} over the engine's store. */
    public static Actions over(EngineContext context, ConnectionsAction connections) {
        return new Actions(context, new DeployAction(context), new UndeployAction(context), new PlanAction(context),
                new ValidateAction(context), new ImportAction(context), new GenerateAction(context),
                new OrphansAction(context), new DriftAction(context), connections);
    }
}

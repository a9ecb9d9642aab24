package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRouting;
import io.meshwright.engine.status.EngineStatus;

/**
 * The whole HTTP surface in one place. The engine's server and the tests both build their routing with
 * {@link #routing}, so what is tested is what runs.
 *
 * <p>To add a feature's routes, write an {@link io.helidon.webserver.http.HttpService} for it (its
 * {@code routing(HttpRules)} lists its endpoints relative to its prefix, e.g. {@code "/"} and {@code "/{id}"})
 * and register it in {@link #apiServices} under its prefix. Throw {@link ApiException} (or a type
 * {@link ErrorMapping} maps) for requests that cannot be served; the filter in front handles the token and
 * counts requests.
 */
public final class Routes {

    private Routes() {}

    /** Registers the filter, the error mapping and every service on {@code routing}. */
    public static void routing(HttpRouting.Builder routing, ApiContext context) {
        routing.addFilter(new ApiFilter(context.token(), context.metrics(), context.json()));
        new ErrorMapping(context.json(), context.engine().status().map(EngineStatus::cluster)).register(routing);
        routing.register("/health", new HealthService(context))
                .register("/metrics", new MetricsService(context.metrics()))
                .register("/openapi", new OpenApiService());
        apiServices(routing, context);
    }

    /** The {@code /api} services, one per feature. Add new features here. */
    static void apiServices(HttpRouting.Builder routing, ApiContext context) {
        routing.register("/api/status", new StatusService(context))
                .register("/api/plugins", new PluginsService(context.engine().plugins(), context.json()))
                .register("/api/designs", new DesignsService(context))
                .register("/api/registry/generate", new ModelGenerationService(context))
                .register("/api/registry/schedules", new ModelSchedulesService(context))
                .register("/api/deployments", new DeploymentsService(context))
                .register("/api/cluster", new ClusterObjectsService(context))
                .register("/api", new RegistryService(context));
    }
}

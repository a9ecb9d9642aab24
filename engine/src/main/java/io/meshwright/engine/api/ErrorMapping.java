package io.meshwright.engine.api;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.lifecycle.EngineStoppingException;
import io.meshwright.engine.lifecycle.IllegalTransitionException;
import io.meshwright.engine.lifecycle.UnknownDeploymentException;
import io.meshwright.engine.registry.ModelNotFoundException;
import io.meshwright.engine.registry.RegistryException;
import io.meshwright.engine.store.StoreException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses, all as {@link ProblemDetails}. Our own types map to
 * the status they stand for; Helidon's own {@link HttpException}s (404 for an unknown path, 405, …) keep
 * their status; anything else is a bug or an outage: a 500 whose detail carries an id that is logged once
 * with the stack trace, so that no client-crafted input ends in a 500 without a trace to follow.
 *
 * <p>To map a new exception type, add a case to {@link #toProblem}.
 */
public final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private final Json json;

    public ErrorMapping(Json json) {
        this.json = json;
    }

    /** Registers the mapping on {@code routing}. */
    public void register(HttpRouting.Builder routing) {
        routing.error(RuntimeException.class, this::handle);
    }

    private void handle(ServerRequest request, ServerResponse response, RuntimeException failure) {
        if (response.isSent()) {
            return;
        }
        json.sendProblem(response, toProblem(failure, request.path().path()));
    }

    /** The problem body for {@code failure} on a request to {@code instance}. */
    public ProblemDetails toProblem(Throwable failure, String instance) {
        return switch (failure) {
            case ApiException api -> api.toProblem(instance);
            case HttpException http -> ProblemDetails.of("http", http.status().reasonPhrase(), http.status().code(),
                    http.getMessage(), instance, List.of());
            case EngineStoppingException stopping -> ProblemDetails.of("stopping", "The engine is stopping", 503,
                    stopping.getMessage(), instance, List.of());
            case UnknownDeploymentException missing -> ProblemDetails.of("not-found", "Not found", 404, missing.getMessage(), instance, List.of());
            case IllegalTransitionException busy -> ProblemDetails.of("conflict", "Not possible in the deployment's state", 409,
                    busy.getMessage(), instance, List.of());
            case ModelNotFoundException missing -> ProblemDetails.of("not-found", "Not found", 404, missing.getMessage(), instance, List.of());
            case RegistryException registry -> ProblemDetails.of("registry", "Registry request refused", 400, registry.getMessage(), instance, List.of());
            case StoreException store -> internal("store", "Store failure", failure, instance);
            case UnsupportedOperationException unsupported ->
                    ProblemDetails.of("not-implemented", "Not implemented", 501, unsupported.getMessage(), instance, List.of());
            default -> internal("internal", "Internal error", failure, instance);
        };
    }

    private static ProblemDetails internal(String slug, String title, Throwable failure, String instance) {
        String id = UUID.randomUUID().toString();
        LOG.error("{} {} ({}): {}", title, instance, id, failure.toString(), failure);
        return ProblemDetails.of(slug, title, 500, failure.getMessage() + " (error id " + id + " in the engine log)", instance, List.of());
    }
}

package io.meshwright.engine.api;

import io.meshwright.engine.actions.ActionException;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.lifecycle.EngineStoppingException;
import io.meshwright.engine.lifecycle.IllegalTransitionException;
import io.meshwright.engine.lifecycle.UnknownDeploymentException;
import io.meshwright.engine.registry.ModelNotFoundException;
import io.meshwright.engine.fetch.FetchException;
import io.meshwright.engine.registry.RegistryException;
import io.meshwright.engine.status.ClusterTarget;
import io.meshwright.engine.status.ClusterUnreachable;
import io.meshwright.engine.status.ClusterUnreachableException;
import io.meshwright.engine.store.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses, all as {@link ProblemDetails}. Our own types map to
 * the status they stand for; Helidon's own {@link HttpException}s (404 for an unknown path, 405, …) keep
 * their status; a failure to reach the target cluster is a 503 naming the kubeconfig, context and server the
 * engine uses and what to do; anything else is a bug or an outage: a 500 whose detail carries an id that is logged once
 * with the stack trace, so that no client-crafted input ends in a 500 without a trace to follow.
 *
 * <p>To map a new exception type, add a case to {@link #toProblem}.
 */
public final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private final Json json;
    private final Optional<ClusterTarget> cluster;

    /** @param cluster the target cluster, named in the answer when it cannot be reached */
    public ErrorMapping(Json json, Optional<ClusterTarget> cluster) {
        this.json = json;
        this.cluster = cluster;
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
        Optional<Throwable> unreachable = ClusterUnreachable.cause(failure);
        if (unreachable.isPresent()) {
            return clusterUnreachable(unreachable.get(), instance);
        }
        // A plugin reports it in its own exception type (a plan's render): the cause says it is the design's doing.
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof io.meshwright.spi.extension.SecretRefusedException) {
                return ProblemDetails.of("credential-refused", "Credential not allowed for designs", 400,
                        failure.getMessage(), instance, List.of());
            }
        }
        return switch (failure) {
            case ApiException api -> api.toProblem(instance);
            case ActionException refused -> ApiException.of(refused).toProblem(instance);
            case ClusterUnreachableException down -> clusterUnreachable(down.getMessage(), instance);
            case HttpException http -> ProblemDetails.of("http", http.status().reasonPhrase(), http.status().code(),
                    http.getMessage(), instance, List.of());
            case EngineStoppingException stopping -> ProblemDetails.of("stopping", "The engine is stopping", 503,
                    stopping.getMessage(), instance, List.of());
            case UnknownDeploymentException missing -> ProblemDetails.of("not-found", "Not found", 404, missing.getMessage(), instance, List.of());
            case io.meshwright.engine.lifecycle.RedeployRefusedException refused -> ProblemDetails.of("redeploy-refused",
                    "The new version was refused; the deployed one stays", 409, refused.getMessage(), instance, List.of());
            case io.meshwright.engine.lifecycle.WrongClusterException elsewhere -> ProblemDetails.of("wrong-cluster",
                    "The deployment belongs to another cluster", 409, elsewhere.getMessage(), instance, List.of());
            case io.meshwright.engine.lifecycle.LifecycleBusyException busy -> ProblemDetails.of("busy",
                    "Busy with a deploy or undeploy", 409, busy.getMessage(), instance, List.of());
            case IllegalTransitionException busy -> ProblemDetails.of("conflict", "Not possible in the deployment's state", 409,
                    busy.getMessage(), instance, List.of());
            case ModelNotFoundException missing -> ProblemDetails.of("not-found", "Not found", 404, missing.getMessage(), instance, List.of());
            case FetchException fetch -> ProblemDetails.of("fetch-refused", "URL not fetched", 400, fetch.getMessage(), instance, List.of());
            case RegistryException registry -> ProblemDetails.of("registry", "Registry request refused", 400, registry.getMessage(), instance, List.of());
            case StoreException store -> internal("store", "Store failure", failure, instance);
            case UnsupportedOperationException unsupported ->
                    ProblemDetails.of("not-implemented", "Not implemented", 501, unsupported.getMessage(), instance, List.of());
            default -> internal("internal", "Internal error", failure, instance);
        };
    }

    private ProblemDetails clusterUnreachable(Throwable cause, String instance) {
        String why = ClusterUnreachable.describe(cause);
        return clusterUnreachable(cluster.map(target -> ClusterUnreachableException.message(target, why))
                .orElse("the cluster cannot be reached (" + why + ")"), instance);
    }

    private static ProblemDetails clusterUnreachable(String detail, String instance) {
        return ProblemDetails.of("cluster-unreachable", "Cluster unreachable", 503, detail, instance, List.of());
    }

    private static ProblemDetails internal(String slug, String title, Throwable failure, String instance) {
        String id = UUID.randomUUID().toString();
        LOG.error("{} {} ({}): {}", title, instance, id, failure.toString(), failure);
        return ProblemDetails.of(slug, title, 500, failure.getMessage() + " (error id " + id + " in the engine log)", instance, List.of());
    }
}

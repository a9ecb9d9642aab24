package io.meshwright.engine.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshwright.engine.actions.ActionException;
import io.meshwright.engine.actions.DeployAction;
import io.meshwright.engine.actions.DesignInput;
import io.meshwright.engine.actions.UndeployAction;
import io.meshwright.engine.api.ApiContext;
import io.meshwright.engine.api.ApiException;
import io.meshwright.engine.design.DesignNaming;
import io.meshwright.proto.engine.v1.DeployRequest;
import io.meshwright.proto.engine.v1.Deployment;
import io.meshwright.proto.engine.v1.EngineGrpc;
import io.meshwright.proto.engine.v1.Event;
import io.meshwright.proto.engine.v1.GetDeploymentRequest;
import io.meshwright.proto.engine.v1.StreamEventsRequest;
import io.meshwright.proto.engine.v1.UndeployReply;
import io.meshwright.proto.engine.v1.UndeployRequest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code meshwright.engine.v1.Engine} gRPC service over the engine's {@link io.meshwright.engine.actions.Actions}
 * and the event bus. Binds requests onto the actions' options records and maps results back; no logic of its own.
 * Failures map to status codes: invalid design or options → INVALID_ARGUMENT, unknown
 * deployment → NOT_FOUND, lifecycle not wired → UNAVAILABLE.
 */
public final class EngineService extends EngineGrpc.EngineImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(EngineService.class);

    private final ApiContext context;

    public EngineService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void deploy(DeployRequest request, StreamObserver<Deployment> response) {
        unary(response, "deploy", () -> {
            DeployAction.Result result = context.actions().deploy().run(new DeployAction.Options(design(request),
                    ProtoMapping.deployOptions(request.getOptions(), context.engine().deployDefaults()), false));
            return ProtoMapping.deployment(((DeployAction.Result.Finished) result).deployment());
        });
    }

    /** The design text of the request, or the saved design it names (as HTTP's body or {@code ?design=}). */
    private static DesignInput design(DeployRequest request) {
        if (request.getSavedDesign().isBlank()) {
            if (request.getSavedVersion() != 0) {
                throw Status.INVALID_ARGUMENT.withDescription("saved_version: only goes with saved_design, which was empty")
                        .asRuntimeException();
            }
            String source = request.getSourceName().isBlank() ? "request" : request.getSourceName();
            return new DesignInput.Text(request.getDesignYaml(), source,
                    DesignNaming.of(request.getName(), request.getSourceName()));
        }
        if (!request.getDesignYaml().isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription("design_yaml and saved_design: expected one of them, but both were given")
                    .asRuntimeException();
        }
        if (request.getSavedVersion() < 0) {
            throw Status.INVALID_ARGUMENT.withDescription("saved_version: expected a version number (1 or more) or 0 for"
                    + " the latest, but was " + request.getSavedVersion()).asRuntimeException();
        }
        return new DesignInput.Saved(request.getSavedDesign(),
                request.getSavedVersion() > 0 ? Optional.of(request.getSavedVersion()) : Optional.empty());
    }

    @Override
    public void undeploy(UndeployRequest request, StreamObserver<UndeployReply> response) {
        unary(response, "undeploy", () -> {
            requireId(request.getDeploymentId());
            return ProtoMapping.undeployReply(context.actions().undeploy().run(
                    new UndeployAction.Options(request.getDeploymentId(), ProtoMapping.undeployOptions(request.getOptions()))));
        });
    }

    @Override
    public void getDeployment(GetDeploymentRequest request, StreamObserver<Deployment> response) {
        unary(response, "get", () -> {
            requireId(request.getDeploymentId());
            return context.engine().requireDeployments().get(request.getDeploymentId())
                    .map(ProtoMapping::deployment)
                    .orElseThrow(() -> Status.NOT_FOUND.withDescription("no deployment " + request.getDeploymentId()).asRuntimeException());
        });
    }

    @Override
    public void streamEvents(StreamEventsRequest request, StreamObserver<Event> response) {
        String subject = request.getSubject();
        Set<String> types = Set.copyOf(request.getTypesList());
        // The bus calls subscribers on the publishing thread: they only queue, and a sender per call writes, so
        // a client that stops reading never holds up a deploy (its own events are dropped and counted instead).
        if (!(response instanceof ServerCallStreamObserver<Event> call)) {
            response.onError(Status.INTERNAL.withDescription("event streams need a server call").asRuntimeException());
            return;
        }
        EventStreamSender<Event> sender = new EventStreamSender<>(call, EventStreamSender.QUEUE_CAPACITY,
                context.metrics().counter("meshwright_events_dropped_total",
                        "events not sent to a slow stream reader because its queue was full, by stream", "stream"),
                "stream-events");
        AutoCloseable subscription = context.events().subscribe(
                event -> (subject.isEmpty() || subject.equals(event.subject())) && (types.isEmpty() || types.contains(event.type())),
                event -> sender.offer(ProtoMapping.event(event)));
        call.setOnCancelHandler(() -> {
            sender.close();
            closeQuietly(subscription);
        });
    }

    private static void requireId(String id) {
        if (id.isBlank()) {
            throw Status.INVALID_ARGUMENT.withDescription("deployment_id: expected a deployment id, but was empty").asRuntimeException();
        }
    }

    private <T> void unary(StreamObserver<T> response, String operation, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        } catch (ApiException e) {
            response.onError(status(e).asRuntimeException());
            return;
        } catch (io.meshwright.engine.lifecycle.EngineStoppingException e) {
            response.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (io.meshwright.engine.lifecycle.RedeployRefusedException
                 | io.meshwright.engine.lifecycle.WrongClusterException e) {
            // Refusals the user can act on, with nothing changed: not internal errors.
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (ActionException e) {
            response.onError(status(ApiException.of(e)).asRuntimeException());
            return;
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            context.deploymentsCounter().inc(operation, "error");
            LOG.error("gRPC {} failed", operation, e);
            response.onError(Status.INTERNAL.withDescription(operation + " failed: " + e.getMessage()).withCause(e).asRuntimeException());
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    private static Status status(ApiException e) {
        Status status = switch (e.status()) {
            case 400, 422 -> Status.INVALID_ARGUMENT;
            case 404 -> Status.NOT_FOUND;
            case 409 -> Status.FAILED_PRECONDITION;
            case 503 -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        var problem = e.toProblem("grpc");
        StringBuilder description = new StringBuilder(e.getMessage());
        problem.problems().forEach(p -> description.append("\n  ").append(p.location() == null ? "" : where(p.location()) + ": ").append(p.message()));
        return status.withDescription(description.toString());
    }

    private static String where(io.meshwright.engine.api.ProblemDetails.Where where) {
        return new io.meshwright.spi.Location(where.source(), where.line(), where.column(), where.field()).toString();
    }

    private static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("closing an event subscription failed: {}", e.toString());
        }
    }
}

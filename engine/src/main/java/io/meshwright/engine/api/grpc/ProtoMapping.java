package io.meshwright.engine.api.grpc;

import com.google.protobuf.Timestamp;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.proto.engine.v1.DeleteOutcome;
import io.meshwright.proto.engine.v1.Deployment;
import io.meshwright.proto.engine.v1.Event;
import io.meshwright.proto.engine.v1.Leftover;
import io.meshwright.proto.engine.v1.ResourceRef;
import io.meshwright.proto.engine.v1.UndeployReply;
import io.meshwright.engine.lifecycle.WaitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Converts between the engine's records and the {@code meshwright.engine.v1} messages. */
final class ProtoMapping {

    private ProtoMapping() {}

    /**
     * The options of {@code message} over the engine's defaults ({@code serve --wait/--timeout}), as the HTTP API
     * reads them: what the message leaves unset is the engine's default, {@code create_namespaces} included (true).
     */
    static DeployOptions deployOptions(io.meshwright.proto.engine.v1.DeployOptions message, DeployOptions defaults) {
        return new DeployOptions(
                message.getWaitPolicy().isBlank() ? defaults.waitPolicy() : waitPolicy(message.getWaitPolicy()),
                message.getTimeoutSeconds() > 0 ? Duration.ofSeconds(message.getTimeoutSeconds()) : defaults.timeout(),
                message.getInstallDependencies(),
                message.getAdoptExisting(),
                message.getConcurrency() > 0 ? message.getConcurrency() : defaults.concurrency(),
                message.getPrune(),
                message.hasCreateNamespaces() ? message.getCreateNamespaces() : defaults.createNamespaces(),
                message.getTrustSource());
    }

    private static WaitPolicy waitPolicy(String name) {
        try {
            return WaitPolicy.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("options.wait_policy: expected NONE, APPLIED or HEALTHY, but was '" + name + "'");
        }
    }

    static UndeployOptions undeployOptions(io.meshwright.proto.engine.v1.UndeployOptions message) {
        UndeployOptions defaults = UndeployOptions.defaults();
        return new UndeployOptions(
                message.hasRemoveCrds() ? message.getRemoveCrds() : defaults.removeCrds(),
                message.getDeletePreExisting(),
                message.getTimeoutSeconds() > 0 ? Duration.ofSeconds(message.getTimeoutSeconds()) : defaults.timeout(),
                message.getDryRun());
    }

    static Deployment deployment(DeploymentRecord record) {
        Deployment.Builder builder = Deployment.newBuilder()
                .setId(record.id())
                .setDesignId(nonNull(record.designId()))
                .setDesignName(nonNull(record.designName()))
                .setDesignVersion(nonNull(record.designVersion()))
                .setCluster(nonNull(record.cluster()))
                .setState(record.state().name())
                .setCause(nonNull(record.cause()));
        if (record.createdAt() != null) {
            builder.setCreatedAt(timestamp(record.createdAt()));
        }
        if (record.updatedAt() != null) {
            builder.setUpdatedAt(timestamp(record.updatedAt()));
        }
        return builder.build();
    }

    static UndeployReply undeployReply(UndeployReport report) {
        UndeployReply.Builder reply = UndeployReply.newBuilder().setDeployment(deployment(report.deployment()));
        for (io.meshwright.spi.deploy.DeleteOutcome outcome : report.outcomes()) {
            DeleteOutcome.Builder message = DeleteOutcome.newBuilder().setRef(ref(outcome.ref()));
            switch (outcome) {
                case io.meshwright.spi.deploy.DeleteOutcome.Deleted d -> message.setOutcome("DELETED");
                case io.meshwright.spi.deploy.DeleteOutcome.AlreadyGone g -> message.setOutcome("ALREADY_GONE").setDetail(nonNull(g.reason()));
                case io.meshwright.spi.deploy.DeleteOutcome.BlockedByFinalizers b ->
                        message.setOutcome("BLOCKED_BY_FINALIZERS").setDetail(String.join(", ", b.finalizers()));
                case io.meshwright.spi.deploy.DeleteOutcome.Kept k -> message.setOutcome("KEPT").setDetail(nonNull(k.reason()));
                case io.meshwright.spi.deploy.DeleteOutcome.Failed f -> message.setOutcome("FAILED").setDetail(nonNull(f.message()));
            }
            reply.addOutcomes(message);
        }
        reply.addAllUnscanned(report.unscanned());
        for (UndeployReport.Leftover leftover : report.leftovers()) {
            reply.addLeftovers(Leftover.newBuilder().setRef(ref(leftover.ref()))
                    .setReason(nonNull(leftover.reason())).setRemoveCommand(nonNull(leftover.removeCommand())));
        }
        return reply.build();
    }

    static Event event(io.meshwright.spi.event.Event event) {
        Event.Builder proto = Event.newBuilder()
                .setType(event.type())
                .setSubject(nonNull(event.subject()))
                .setSeverity(event.severity().name())
                .setMessage(nonNull(event.message()))
                .setAt(timestamp(event.at()))
                .setJson(EVENT_JSON.text(event));
        if (event instanceof io.meshwright.spi.event.Event.Note note) {
            proto.putAllAttributes(note.attributes());
        }
        return proto.build();
    }

    private static final io.meshwright.engine.events.EventJson EVENT_JSON = new io.meshwright.engine.events.EventJson();

    private static ResourceRef ref(io.meshwright.spi.deploy.ResourceRef ref) {
        return ResourceRef.newBuilder()
                .setApiVersion(ref.gvk().apiVersion())
                .setKind(ref.gvk().kind())
                .setNamespace(nonNull(ref.namespace()))
                .setName(ref.name())
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}

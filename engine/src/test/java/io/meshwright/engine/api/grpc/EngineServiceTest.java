package io.meshwright.engine.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.meshwright.engine.api.TestServer;
import io.meshwright.proto.engine.v1.DeployOptions;
import io.meshwright.proto.engine.v1.DeployRequest;
import io.meshwright.proto.engine.v1.Deployment;
import io.meshwright.proto.engine.v1.EngineGrpc;
import io.meshwright.proto.engine.v1.Event;
import io.meshwright.proto.engine.v1.GetDeploymentRequest;
import io.meshwright.proto.engine.v1.StreamEventsRequest;
import io.meshwright.proto.engine.v1.UndeployOptions;
import io.meshwright.proto.engine.v1.UndeployReply;
import io.meshwright.proto.engine.v1.UndeployRequest;
import io.meshwright.engine.lifecycle.WaitPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Engine gRPC service over a real loopback channel, against a fake lifecycle. */
class EngineServiceTest {

    @TempDir
    Path pluginsDir;

    private TestServer api;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        api = new TestServer(pluginsDir);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", api.server.grpcPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        api.close();
    }

    @Test
    void deployPassesTheDesignAndOptionsToTheLifecycleAndReturnsTheDeployment() {
        Deployment deployment = stub(TestServer.TOKEN).deploy(DeployRequest.newBuilder()
                .setDesignYaml("web").setSourceName("web.yaml")
                .setOptions(DeployOptions.newBuilder().setWaitPolicy("healthy").setTimeoutSeconds(30))
                .build());

        assertThat(deployment.getId()).isEqualTo("web@test");
        assertThat(deployment.getState()).isEqualTo("DEPLOYED");
        assertThat(deployment.getCreatedAt().getSeconds()).isPositive();
        assertThat(api.deployments.lastDeployOptions.waitPolicy()).isEqualTo(WaitPolicy.HEALTHY);
        assertThat(api.deployments.lastDeployOptions.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(api.deployments.lastDeployOptions.concurrency()).isEqualTo(16);
    }

    @Test
    void invalidDesignIsInvalidArgumentNamingWhereTheProblemIs() {
        assertThatThrownBy(() -> stub(TestServer.TOKEN).deploy(DeployRequest.newBuilder().setDesignYaml(" ").setSourceName("empty.yaml").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("empty.yaml:1:1").contains("expected a design");
                });
    }

    @Test
    void getDeploymentOfAnUnknownIdIsNotFound() {
        assertThatThrownBy(() -> stub(TestServer.TOKEN).getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId("nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void undeployReturnsEachOutcomeAndKeepsTheDefaultCrdRemovalWhenNotSet() {
        EngineGrpc.EngineBlockingStub engine = stub(TestServer.TOKEN);
        engine.deploy(DeployRequest.newBuilder().setDesignYaml("web").build());

        UndeployReply reply = engine.undeploy(UndeployRequest.newBuilder().setDeploymentId("web@test")
                .setOptions(UndeployOptions.newBuilder().setDryRun(false)).build());

        assertThat(reply.getDeployment().getState()).isEqualTo("UNDEPLOYED");
        assertThat(reply.getOutcomesList()).singleElement().satisfies(outcome -> {
            assertThat(outcome.getOutcome()).isEqualTo("DELETED");
            assertThat(outcome.getRef().getKind()).isEqualTo("ConfigMap");
        });
        assertThat(reply.getLeftoversList()).isEmpty();
        assertThat(api.deployments.lastUndeployOptions.removeCrds()).isTrue();
        assertThat(engine.getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId("web@test").build()).getState())
                .isEqualTo("UNDEPLOYED");
    }

    @Test
    void callsWithoutTheTokenAreUnauthenticated() {
        assertThatThrownBy(() -> stub("wrong").getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> EngineGrpc.newBlockingStub(channel).getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void streamEventsSendsTheEventsOfTheSubjectAsTheyHappen() {
        List<Event> received = new CopyOnWriteArrayList<>();
        EngineGrpc.newStub(channel).withCallCredentials(bearer(TestServer.TOKEN))
                .streamEvents(StreamEventsRequest.newBuilder().setSubject("web@test").build(), collectInto(received));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            api.events.info("deployment.state", "other@test", "not this one");
            api.events.info("deployment.state", "web@test", "APPLYING -> DEPLOYED");
            assertThat(received).isNotEmpty();
        });
        assertThat(received).allSatisfy(event -> {
            assertThat(event.getSubject()).isEqualTo("web@test");
            assertThat(event.getType()).isEqualTo("deployment.state");
            assertThat(event.getSeverity()).isEqualTo("INFO");
        });
    }

    private EngineGrpc.EngineBlockingStub stub(String token) {
        return EngineGrpc.newBlockingStub(channel).withCallCredentials(bearer(token)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static StreamObserver<Event> collectInto(List<Event> received) {
        return new StreamObserver<>() {
            @Override
            public void onNext(Event event) {
                received.add(event);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        };
    }

    private static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
                applier.apply(headers);
            }
        };
    }
}

package io.meshwright.engine.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.meshwright.engine.api.TestServer;
import io.meshwright.proto.engine.v1.EngineGrpc;
import io.meshwright.proto.engine.v1.Event;
import io.meshwright.proto.engine.v1.StreamEventsRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code StreamEvents} client that stops reading must not hold up the threads that publish events (deploys):
 * its events queue up to a bound, then are dropped and counted.
 */
class StreamEventsBackpressureTest {

    @TempDir
    Path dir;

    private TestServer api;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        api = new TestServer(dir);
        // A small inbound window, so the client stops accepting data early.
        channel = NettyChannelBuilder.forAddress("127.0.0.1", api.server.grpcPort()).usePlaintext()
                .flowControlWindow(64 * 1024).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        api.close();
    }

    @Test
    void aGrpcMessagePastTheLimitIsNotReadAndTheServerGoesOn() {
        io.meshwright.proto.engine.v1.DeployRequest huge = io.meshwright.proto.engine.v1.DeployRequest.newBuilder()
                .setName("huge").setDesignYaml("x".repeat(17 << 20)).build();
        io.grpc.CallCredentials bearer = new io.grpc.CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, java.util.concurrent.Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestServer.TOKEN);
                applier.apply(headers);
            }
        };
        EngineGrpc.EngineBlockingStub stub = EngineGrpc.newBlockingStub(channel).withCallCredentials(bearer)
                .withDeadlineAfter(5, TimeUnit.SECONDS);

        // Helidon refuses the message before allocating it, but answers nothing: the call ends at its deadline.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stub.deploy(huge))
                .isInstanceOf(io.grpc.StatusRuntimeException.class);
        assertThat(api.deployments.list()).isEmpty();
        // The server still answers others (the offending connection may be spent): an unknown id is NOT_FOUND.
        ManagedChannel fresh = NettyChannelBuilder.forAddress("127.0.0.1", api.server.grpcPort()).usePlaintext().build();
        EngineGrpc.EngineBlockingStub other = EngineGrpc.newBlockingStub(fresh).withCallCredentials(bearer)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.getDeployment(
                            io.meshwright.proto.engine.v1.GetDeploymentRequest.newBuilder().setDeploymentId("none").build()))
                    .satisfies(e -> assertThat(((io.grpc.StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        } finally {
            fresh.shutdownNow();
        }
    }

    @Test
    void aClientThatStopsReadingDoesNotBlockPublishersAndItsOverflowIsCounted() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean();
        ClientCall<StreamEventsRequest, Event> call = channel.newCall(EngineGrpc.getStreamEventsMethod(), CallOptions.DEFAULT);
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestServer.TOKEN);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(Event message) {
                first.set(true);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {}
        }, headers);
        call.sendMessage(StreamEventsRequest.newBuilder().setSubject("slow@test").build());
        call.halfClose();
        call.request(1); // reads one event, then never again
        // The subscription is made when the server sees the request; publish until one event has come through.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            api.events.info("deployment.state", "slow@test", "hello");
            return first.get();
        });

        String text = "x".repeat(4096);
        int published = 5 * EventStreamSender.QUEUE_CAPACITY;
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < published; i++) {
                api.events.info("object.applied", "slow@test", i + " " + text);
            }
        });

        // 20 MiB of events against a 64 KiB window: a publisher that waited for the reader would never finish.
        await().atMost(Duration.ofSeconds(60)).until(publishing::isDone);
        assertThat(publishing).isCompleted();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.context.metrics().scrape())
                .containsPattern("meshwright_events_dropped_total\\{stream=\"StreamEvents\"} [1-9]"));
        call.cancel("done", null);
    }
}

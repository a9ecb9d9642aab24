package io.meshwright.engine.api;

import io.helidon.common.tls.Tls;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.grpc.GrpcConfig;
import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The engine's Helidon server: HTTP (REST, SSE, health, metrics, OpenAPI) on one listener and gRPC on a second
 * one, each on its own port (0 picks a free one). Helidon's own shutdown hook is off: the engine stops the
 * server first, then plugins, then the store, in that order.
 *
 * <p>Both listeners bound what they read ({@link ListenerSettings}): an HTTP body past the limit is answered 413
 * with a problem document as soon as its declared length (or, chunked, its running length) passes it, so a
 * huge upload is never held in memory; a gRPC message past its limit fails the call. With a certificate and
 * key, both listeners speak TLS.
 */
public final class ApiServer implements AutoCloseable {

    private static final String GRPC_SOCKET = "grpc";

    /**
     * What the listeners accept (the engine's {@code serve} options; the API does not read the engine's configuration,
     * which would make {@code api} and the composition root depend on each other).
     *
     * @param maxPayloadBytes     the largest HTTP body
     * @param maxGrpcMessageBytes the largest gRPC message
     * @param tlsCertificate      a PEM certificate chain: both listeners speak TLS
     * @param tlsKey              its PEM private key, present exactly when the certificate is
     */
    public record ListenerSettings(long maxPayloadBytes, int maxGrpcMessageBytes, Optional<Path> tlsCertificate,
            Optional<Path> tlsKey) {

        /** 64 MiB bodies, 16 MiB gRPC messages, no TLS. */
        public static ListenerSettings defaults() {
            return new ListenerSettings(64L << 20, 16 << 20, Optional.empty(), Optional.empty());
        }

        public boolean tls() {
            return tlsCertificate.isPresent();
        }
    }

    private final WebServer server;
    private final ApiContext context;
    private final boolean tls;

    private ApiServer(WebServer server, ApiContext context, boolean tls) {
        this.server = server;
        this.context = context;
        this.tls = tls;
    }

    /** Starts listening with the default limits and no TLS; returns once both listeners accept connections. */
    public static ApiServer start(String host, int httpPort, int grpcPort, ApiContext context, GrpcRouting.Builder grpc) {
        return start(host, httpPort, grpcPort, context, grpc, ListenerSettings.defaults());
    }

    /**
     * Starts listening; returns once both listeners accept connections.
     *
     * @param grpc the gRPC surface ({@code api.grpc.GrpcRoutes}), built by the caller: {@code api.grpc} depends on
     *             {@code api}, never the other way
     */
    public static ApiServer start(String host, int httpPort, int grpcPort, ApiContext context, GrpcRouting.Builder grpc,
            ListenerSettings settings) {
        Optional<Tls> tls = tls(settings);
        WebServerConfig.Builder builder = WebServer.builder()
                .host(host)
                .port(httpPort)
                .shutdownHook(false)
                .maxPayloadSize(settings.maxPayloadBytes())
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, tooLarge(context.json(), settings.maxPayloadBytes()))
                        // Helidon reports a body past the limit as a bad request with status 413.
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, tooLarge(context.json(), settings.maxPayloadBytes()))
                        .build())
                .routing(routing -> Routes.routing(routing, context))
                .putSocket(GRPC_SOCKET, socket -> {
                    socket.host(host).port(grpcPort)
                            .maxPayloadSize(settings.maxGrpcMessageBytes())
                            .addProtocol(GrpcConfig.builder().maxReadBufferSize(settings.maxGrpcMessageBytes()).build())
                            .addRouting(grpc);
                    tls.ifPresent(socket::tls);
                });
        tls.ifPresent(builder::tls);
        WebServer server = builder.build().start();
        // Helidon logs a failed bind and starts the other listeners; its port is then -1. An engine that says it
        // listens while another process answers on its port would mislead every client, so it does not start.
        List<String> unbound = new java.util.ArrayList<>();
        if (server.port() <= 0) {
            unbound.add(host + ":" + httpPort + " (HTTP, --port)");
        }
        if (server.port(GRPC_SOCKET) <= 0) {
            unbound.add(host + ":" + grpcPort + " (gRPC, --grpc-port)");
        }
        if (!unbound.isEmpty()) {
            server.stop();
            throw new ListenFailedException("cannot listen on " + String.join(" and ", unbound)
                    + ": the address is in use (another engine?) or not this machine's; choose another port or --host");
        }
        return new ApiServer(server, context, tls.isPresent());
    }

    /** A listener could not bind its address. */
    public static final class ListenFailedException extends RuntimeException {
        public ListenFailedException(String message) {
            super(message);
        }
    }

    private static Optional<Tls> tls(ListenerSettings settings) {
        if (!settings.tls()) {
            return Optional.empty();
        }
        return Optional.of(Tls.builder()
                .privateKey(PemFiles.privateKey(settings.tlsKey().orElseThrow()))
                .privateKeyCertChain(PemFiles.certificates(settings.tlsCertificate().orElseThrow()))
                .build());
    }

    /**
     * Requests Helidon refuses before routing, as problem documents: 413 (sent before the body is read; Helidon
     * then closes the connection) and other malformed requests.
     */
    private static DirectHandler tooLarge(Json json, long limit) {
        return (request, eventType, status, headers, message) -> {
            ProblemDetails problem = status.code() == 413
                    ? ProblemDetails.of("too-large", "Content too large", 413, "the request body is larger than the limit of "
                            + limit + " bytes (serve --max-payload sets it)", request.path(), List.of())
                    : ProblemDetails.of("bad-request", status.reasonPhrase(), status.code(),
                            message == null || message.isBlank() ? "the request is malformed" : message, request.path(), List.of());
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, "application/problem+json")
                    .entity(json.text(problem).getBytes(StandardCharsets.UTF_8))
                    .keepAlive(false)
                    .build();
        };
    }

    public int httpPort() {
        return server.port();
    }

    public int grpcPort() {
        return server.port(GRPC_SOCKET);
    }

    /** Whether both listeners speak TLS. */
    public boolean tls() {
        return tls;
    }

    /** Ends event streams, then stops both listeners. */
    @Override
    public void close() {
        context.streams().close();
        server.stop();
    }
}

package io.meshwright.engine.api;

import io.helidon.webserver.WebServer;
import io.meshwright.engine.api.grpc.GrpcRoutes;

/**
 * The engine's Helidon server: HTTP (REST, SSE, health, metrics, OpenAPI) on one listener and gRPC on a second
 * one, each on its own port (0 picks a free one). Helidon's own shutdown hook is off: the engine stops the
 * server first, then plugins, then the store, in that order.
 */
public final class ApiServer implements AutoCloseable {

    private static final String GRPC_SOCKET = "grpc";

    private final WebServer server;
    private final ApiContext context;

    private ApiServer(WebServer server, ApiContext context) {
        this.server = server;
        this.context = context;
    }

    /** Starts listening; returns once both listeners accept connections. */
    public static ApiServer start(String host, int httpPort, int grpcPort, ApiContext context) {
        WebServer server = WebServer.builder()
                .host(host)
                .port(httpPort)
                .shutdownHook(false)
                .routing(routing -> Routes.routing(routing, context))
                .putSocket(GRPC_SOCKET, socket -> socket.host(host).port(grpcPort).addRouting(GrpcRoutes.routing(context)))
                .build()
                .start();
        return new ApiServer(server, context);
    }

    public int httpPort() {
        return server.port();
    }

    public int grpcPort() {
        return server.port(GRPC_SOCKET);
    }

    /** Ends event streams, then stops both listeners. */
    @Override
    public void close() {
        context.streams().close();
        server.stop();
    }
}

package io.meshwright.engine.api.grpc;

import io.helidon.webserver.grpc.GrpcRouting;
import io.meshwright.engine.api.ApiContext;

/** The whole gRPC surface: the token check in front of every service, then the services. */
public final class GrpcRoutes {

    private GrpcRoutes() {}

    public static GrpcRouting.Builder routing(ApiContext context) {
        return GrpcRouting.builder()
                .intercept(new BearerTokenInterceptor(context.token()))
                .service(new EngineService(context));
    }
}

package io.meshwright.engine.api.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.meshwright.engine.api.BearerToken;

/** Refuses gRPC calls whose {@code authorization} metadata does not carry the engine's bearer token. */
public final class BearerTokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final BearerToken token;

    public BearerTokenInterceptor(BearerToken token) {
        this.token = token;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (token.accepts(headers.get(AUTHORIZATION))) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(
                "this call needs metadata 'authorization: Bearer <token>'; the token is in <data-dir>/token"), new Metadata());
        return new ServerCall.Listener<>() {};
    }
}

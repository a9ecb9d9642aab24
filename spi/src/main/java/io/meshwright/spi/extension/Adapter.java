package io.meshwright.spi.extension;

import io.meshwright.spi.Problem;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * A technology's operations, the components it provisions and the design rules it knows (e.g. a route that
 * points at a service that does not exist).
 *
 * <p>The gRPC adapter protocol has the same shape, one message per method, so an in-process adapter can be
 * served remotely unchanged and a remote one looks the same to the engine.
 *
 * <p>Contract: {@link #apply} returns at once with the operation id; progress and the final result go to
 * the event sink with the operation id as subject. Changes to the cluster go through a {@link ClusterApplier}.
 */
public interface Adapter extends ExtensionPoint {

    /** Name, version and the models the adapter claims. */
    AdapterInfo info();

    /** The operations it offers. */
    List<OperationDescriptor> operations();

    /** Starts an operation; returns its id (the request's). */
    String apply(OperationRequest request, ClusterApplier applier);

    /** The Kubernetes objects that realise the adapter's components (e.g. an {@code IstioMesh} component). */
    List<Map<String, Object>> provision(List<ComponentDeclaration> components);

    /** Problems the adapter finds in the design; empty when it has none. */
    List<Problem> validate(Design design);
}

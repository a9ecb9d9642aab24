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
 * <p>Contract:
 * <ul>
 *   <li>Lifetime: one instance per plugin start (a remote adapter: per connection); the engine may call
 *       {@link #info()} and {@link #operations()} at any time and caches nothing it can ask again.</li>
 *   <li>Threading: every method may be called from several threads at once, for different deployments and
 *       operations; an implementation guards its own state.</li>
 *   <li>{@link #apply} returns at once with the operation id; progress and the final result go to the event
 *       sink with the operation id as subject. It is idempotent per {@link OperationRequest#operationId()}: the engine
 *       may repeat a request after a crash or a lost connection, and the adapter must not act twice.</li>
 *   <li>{@link #provision} and {@link #validate} have no side effects.</li>
 *   <li>Changes to the cluster go only through the {@link ClusterApplier} it is handed, so the inventory knows
 *       every object.</li>
 * </ul>
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

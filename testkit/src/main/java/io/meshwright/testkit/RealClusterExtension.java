package io.meshwright.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link RealCluster}. The cluster lives in the root store, so one control plane serves
 * every test class of the run and is closed when the run ends; each test (or class, for constructor and
 * {@code @BeforeAll} parameters) gets its own {@link ClusterHandle}, closed when that test (or class) ends.
 */
public final class RealClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE =
            ExtensionContext.Namespace.create(RealClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClusterHandle.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            Cluster cluster = context.getRoot().getStore(STORE)
                    .getOrComputeIfAbsent(Cluster.class, key -> Cluster.open(System.getenv()), Cluster.class);
            return context.getStore(STORE).getOrComputeIfAbsent(ScopedClusterHandle.class,
                    key -> new ScopedClusterHandle(cluster, false), ScopedClusterHandle.class);
        } catch (ControlPlaneException e) {
            throw new ParameterResolutionException("No Kubernetes cluster for " + context.getDisplayName()
                    + ": " + e.getMessage(), e);
        }
    }
}

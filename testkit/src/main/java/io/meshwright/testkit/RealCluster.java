package io.meshwright.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real Kubernetes API server and injects a {@link ClusterHandle}
 * into test methods, lifecycle methods and constructors that declare one.
 *
 * <p>One control plane is started for the whole test run (the first test that needs it starts it, ~4 s;
 * every later class shares it) and stopped when the run ends. With {@code MESHWRIGHT_KUBECONFIG} set, that
 * cluster is used instead and nothing is started. Each injected handle makes its own namespace names
 * ({@link ClusterHandle#namespace(String)}), so tests never share a namespace.
 *
 * <pre>{@code
 * @RealCluster
 * class DeployTest {
 *     @Test
 *     void appliesAConfigMap(ClusterHandle cluster) {
 *         String ns = cluster.createNamespace("apply");
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("real-cluster")
@ExtendWith(RealClusterExtension.class)
public @interface RealCluster {
}

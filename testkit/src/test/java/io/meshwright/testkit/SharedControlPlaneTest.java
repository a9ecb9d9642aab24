package io.meshwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs two {@code @RealCluster} classes in a test run of their own (a nested JUnit launcher session) and
 * checks that they got one control plane between them, which is stopped when that run ends.
 */
class SharedControlPlaneTest {

    private static final String INNER_RUN = "meshwright.testkit.inner-run";
    /** What the inner classes saw; written by the inner run, read after it. */
    private static final Queue<Path> SEEN_KUBECONFIGS = new ConcurrentLinkedQueue<>();

    @Test
    void twoTestClassesShareOneControlPlaneWhichStopsWhenTheRunEnds() {
        Assumptions.assumeTrue(System.getenv(ClusterHandle.KUBECONFIG_ENV) == null,
                "with MESHWRIGHT_KUBECONFIG set no control plane is started, so there is nothing to share");
        SEEN_KUBECONFIGS.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class))
                .configurationParameter(INNER_RUN, "true")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).extracting(f -> f.getException().toString()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        List<Path> seen = List.copyOf(SEEN_KUBECONFIGS);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(Files.exists(seen.get(0))).as("the control plane's directory is removed when the run ends").isFalse();
    }

    /** Keeps the inner classes out of the ordinary test run. */
    static final class OnlyInInnerRun implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(INNER_RUN).isPresent()
                    ? ConditionEvaluationResult.enabled("inner run")
                    : ConditionEvaluationResult.disabled("runs only inside SharedControlPlaneTest");
        }
    }

    @RealCluster
    @ExtendWith(OnlyInInnerRun.class)
    static class FirstClass {
        @Test
        void recordsItsCluster(ClusterHandle cluster) {
            assertThat(cluster.local()).isTrue();
            SEEN_KUBECONFIGS.add(cluster.kubeconfig());
        }
    }

    @RealCluster
    @ExtendWith(OnlyInInnerRun.class)
    static class SecondClass {
        @Test
        void recordsItsCluster(ClusterHandle cluster) {
            assertThat(cluster.client().namespaces().withName("default").get()).isNotNull();
            SEEN_KUBECONFIGS.add(cluster.kubeconfig());
        }
    }
}

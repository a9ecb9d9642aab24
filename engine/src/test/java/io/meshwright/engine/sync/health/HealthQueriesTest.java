package io.meshwright.engine.sync.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthQueriesTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInQueriesJudgePodsDeploymentsStatefulSetsAndServices() {
        HealthQueries defaults = HealthQueries.defaults();

        assertThat(defaults.forKind("Pod")).extracting(HealthQuery::name).containsExactly("restarts");
        assertThat(defaults.forKind("Service")).extracting(HealthQuery::name).containsExactly("targets-down", "error-rate");
        HealthQuery deployment = defaults.forKind("Deployment").getFirst();
        assertThat(deployment.matches(Map.of("namespace", "shop", "pod", "web-7d4b9c6f5-x2x9z"), "shop", "web")).isTrue();
        assertThat(deployment.matches(Map.of("namespace", "shop", "pod", "webhook-7d4b9c6f5-x2x9z"), "shop", "web")).isFalse();
        assertThat(deployment.matches(Map.of("namespace", "blog", "pod", "web-7d4b9c6f5-x2x9z"), "shop", "web")).isFalse();
        assertThat(deployment.reasonFor(3.0)).isEqualTo("restarts: 3 container restart(s) in its pods in the last 5 minutes");
    }

    @Test
    void anOperatorsFileReplacesThemAndABadOneIsRefusedNamingTheFile() throws Exception {
        Path file = dir.resolve("health-queries.yaml");
        Files.writeString(file, """
                queries:
                  - {kind: Job, name: failures, promql: 'kube_job_status_failed', namespaceLabel: namespace, nameLabel: job_name, above: 0}
                """);
        assertThat(HealthQueries.fromFileOrDefaults(file).queries()).extracting(HealthQuery::kind).containsExactly("Job");
        assertThat(HealthQueries.fromFileOrDefaults(dir.resolve("absent.yaml")).forKind("Pod")).isNotEmpty();

        Files.writeString(file, "queries:\n  - {kind: Job, name: failures, promql: up}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> HealthQueries.fromFileOrDefaults(file))
                .hasMessageContaining(file.toString()).hasMessageContaining("nameLabel");
        Files.writeString(file, "queries:\n  - {kind: Job, name: f, promql: up, nameLabel: job, nme: x}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> HealthQueries.fromFileOrDefaults(file))
                .hasMessageContaining(file.toString()).hasMessageContaining("nme");
    }
}

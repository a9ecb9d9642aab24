package io.meshwright.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.design.BuiltinKinds;
import io.meshwright.engine.design.DesignParseResult;
import io.meshwright.engine.design.DesignParser;
import io.meshwright.engine.design.KindScopes;
import io.meshwright.engine.design.ServedKinds;
import io.meshwright.spi.design.Design;
import org.junit.jupiter.api.Test;

class LargePlanTest {

    /** 50 namespaces × (40 config maps, 30 secrets, 10 services, 19 deployments mounting them) + 1 CRD with 0 CRs. */
    private static String manifests(int namespaces) {
        StringBuilder yaml = new StringBuilder();
        for (int n = 0; n < namespaces; n++) {
            String ns = "ns-" + n;
            yaml.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ").append(ns).append("}\n---\n");
            for (int i = 0; i < 40; i++) {
                yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i).append(", namespace: ")
                        .append(ns).append("}\ndata: {k: v}\n---\n");
            }
            for (int i = 0; i < 30; i++) {
                yaml.append("apiVersion: v1\nkind: Secret\nmetadata: {name: s-").append(i).append(", namespace: ")
                        .append(ns).append("}\n---\n");
            }
            for (int i = 0; i < 10; i++) {
                yaml.append("apiVersion: v1\nkind: Service\nmetadata: {name: svc-").append(i).append(", namespace: ")
                        .append(ns).append("}\nspec: {ports: [{port: 80}]}\n---\n");
            }
            for (int i = 0; i < 19; i++) {
                yaml.append("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d-").append(i).append(", namespace: ")
                        .append(ns).append("}\nspec:\n  template:\n    spec:\n      volumes:\n")
                        .append("      - {name: c, configMap: {name: cm-").append(i).append("}}\n")
                        .append("      - {name: s, secret: {secretName: s-").append(i).append("}}\n")
                        .append("      containers: [{name: app, image: nginx}]\n---\n");
            }
        }
        return yaml.toString();
    }

    @Test
    void plansFiveThousandObjectsInOnePass() {
        DesignParseResult parsed = new DesignParser().parse(manifests(50), "large.yaml");
        assertThat(parsed.errors()).isEmpty();
        Design design = parsed.design().orElseThrow();
        assertThat(design.components()).hasSize(5000);

        long start = System.nanoTime();
        Plan plan = new Planner(KindOrder.defaults()).plan(design, new PlanInputs("default",
                KindScopes.of(BuiltinKinds.load(), design, ServedKinds.none(), null), null)).orElseThrow();
        // Reported, not asserted: timings belong in benchmarks, but a regression to quadratic shows up here.
        System.out.printf("planned %d objects in %d ms%n", plan.size(), (System.nanoTime() - start) / 1_000_000);

        assertThat(plan.size()).isEqualTo(5000);
        assertThat(plan.levels()).extracting(level -> level.get(0).ref().gvk().kind())
                .containsExactly("Namespace", "ConfigMap", "Service", "Deployment");
        assertThat(plan.step("Deployment.apps/ns-7/d-3").orElseThrow().dependsOn())
                .containsExactlyInAnyOrder("Namespace/ns-7", "ConfigMap/ns-7/cm-3", "Secret/ns-7/s-3");
    }
}

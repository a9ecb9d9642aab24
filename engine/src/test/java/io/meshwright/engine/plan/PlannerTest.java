package io.meshwright.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.design.BuiltinKinds;
import io.meshwright.engine.design.DesignParseResult;
import io.meshwright.engine.design.DesignParser;
import io.meshwright.engine.design.KindScopes;
import io.meshwright.engine.design.ServedKinds;
import io.meshwright.spi.design.Design;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final BuiltinKinds BUILTINS = BuiltinKinds.load();
    private final DesignParser parser = new DesignParser();
    private final Planner planner = new Planner(KindOrder.defaults());

    static String resource(String name) {
        try (InputStream in = PlannerTest.class.getResourceAsStream("/plan/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Design design(String resource) {
        DesignParseResult result = parser.parse(resource(resource), resource);
        assertThat(result.errors()).isEmpty();
        return result.design().orElseThrow();
    }

    private PlanResult plan(Design design) {
        return planner.plan(design, PlanInputs.of(design, "default", BUILTINS, ServedKinds.none(), null));
    }

    @Test
    void ordersNamespaceAndCrdFirstThenRbacConfigServicesWorkloadsCustomResourcesRoutesAndWebhooksLast() {
        Plan plan = plan(design("app-with-crd.yaml")).orElseThrow();

        assertThat(plan.render()).isEqualTo("""
                CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com
                Namespace/shop
                ---
                Role.rbac.authorization.k8s.io/shop/reader  (waits for Namespace/shop)
                ServiceAccount/shop/web  (waits for Namespace/shop)
                ---
                RoleBinding.rbac.authorization.k8s.io/shop/web-reader  (waits for Namespace/shop, Role.rbac.authorization.k8s.io/shop/reader)
                ---
                Secret/shop/credentials  (waits for Namespace/shop)
                ConfigMap/shop/settings  (waits for Namespace/shop)
                ---
                Service/shop/web  (waits for Namespace/shop)
                ---
                Deployment.apps/shop/web  (waits for Namespace/shop, ServiceAccount/shop/web, ConfigMap/shop/settings, Secret/shop/credentials)
                ---
                Widget.example.com/shop/blue  (waits for CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com, Namespace/shop)
                ---
                Ingress.networking.k8s.io/shop/web  (waits for Namespace/shop)
                ---
                ValidatingWebhookConfiguration.admissionregistration.k8s.io/widget-check
                """);
    }

    @Test
    void marksOnlyStepsThatSomethingWaitsForAsDependencies() {
        Plan plan = plan(design("app-with-crd.yaml")).orElseThrow();

        assertThat(plan.steps()).filteredOn(PlannedStep::isDependency).extracting(s -> s.ref().toString())
                .containsExactlyInAnyOrder("CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com",
                        "Namespace/shop", "ServiceAccount/shop/web", "Role.rbac.authorization.k8s.io/shop/reader",
                        "Secret/shop/credentials", "ConfigMap/shop/settings");
    }

    @Test
    void undeployWalksTheLevelsBackwards() {
        Plan plan = plan(design("app-with-crd.yaml")).orElseThrow();

        assertThat(plan.undeployOrder().get(0)).extracting(s -> s.ref().gvk().kind())
                .containsExactly("ValidatingWebhookConfiguration");
        assertThat(plan.undeployOrder().get(plan.undeployOrder().size() - 1)).extracting(s -> s.ref().gvk().kind())
                .containsExactly("CustomResourceDefinition", "Namespace");
    }

    @Test
    void refusesACycleOfExplicitDependenciesAndNamesIt() {
        PlanResult result = plan(design("dependency-cycle.yaml"));

        assertThat(result.isComplete()).isFalse();
        assertThat(result.cycle().orElseThrow().path()).isEqualTo(
                "[Deployment.apps/prod/api] -> [Deployment.apps/prod/worker] -> [ConfigMap/prod/settings] -> [Deployment.apps/prod/api]");
        assertThat(result.plan().render()).isEqualTo("ConfigMap/prod/unrelated\n");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("plan.cycle");
            assertThat(p.location().line()).isEqualTo(5);
        });
        assertThatThrownBy(result::orElseThrow).hasMessageContaining("cycle of dependencies")
                .hasMessageContaining("[ConfigMap/prod/settings]");
    }

    @Test
    void anExplicitDependencyOverridesTheKindOrderInsteadOfFormingACycle() {
        PlanResult result = plan(design("explicit-beats-kind-order.yaml"));

        assertThat(result.plan().render()).isEqualTo("""
                Job.batch/prod/migrate
                ---
                ConfigMap/prod/settings  (waits for Job.batch/prod/migrate)
                ---
                Deployment.apps/prod/web
                """);
        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("plan.dependsOnAnnotation"));
    }
}

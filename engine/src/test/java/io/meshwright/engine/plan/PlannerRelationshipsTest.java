package io.meshwright.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.design.BuiltinKinds;
import io.meshwright.engine.design.DesignParser;
import io.meshwright.engine.design.KindScopes;
import io.meshwright.engine.design.RealData;
import io.meshwright.engine.design.ServedKinds;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.RelationshipDefinition;
import io.meshwright.spi.model.SelectorEnd;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerRelationshipsTest {

    private static final BuiltinKinds BUILTINS = BuiltinKinds.load();
    private final DesignParser parser = new DesignParser();
    private final Planner planner = new Planner(KindOrder.defaults());

    private Plan plan(Design design, PlanInputs.RelationshipLookup relationships) {
        return planner.plan(design, new PlanInputs("default",
                KindScopes.of(BUILTINS, design, ServedKinds.none(), null), relationships)).orElseThrow();
    }

    @Test
    void aDeclaredParentRelationshipPutsTheParentFirst() {
        Design design = parser.parse(RealData.file("meshery-designs/meshkit/valid_design.yml")).design().orElseThrow();

        Plan plan = plan(design, null);

        assertThat(plan.render()).isEqualTo("""
                Namespace/default
                ---
                ConfigMap/default/config-map-jp  (waits for Namespace/default)
                """);
    }

    @Test
    void plansTheServicesPatternWithoutItsAnnotation() {
        Design design = parser.parse(RealData.file("meshery-designs/schemas/design.yml")).design().orElseThrow();

        Plan plan = plan(design, null);

        assertThat(plan.render()).isEqualTo("""
                Namespace/helloah
                ---
                Service/helloah/service-rk  (waits for Namespace/helloah)
                ---
                Pod/helloah/pod-dd  (waits for Namespace/helloah)
                """);
    }

    @Test
    void plansEmojivotoWithWorkloadsAfterTheirServiceAccounts() {
        Design design = parser.parse(RealData.file("meshery-designs/meshery/emojivoto.yaml")).design().orElseThrow();

        Plan plan = plan(design, null);

        assertThat(plan.render()).isEqualTo("""
                ServiceAccount/emojivoto/web
                ServiceAccount/emojivoto/emoji
                ServiceAccount/emojivoto/voting
                ---
                Service/emojivoto/emoji-svc
                Service/emojivoto/web-svc
                Service/emojivoto/voting-svc
                ---
                Deployment.apps/emojivoto/vote-bot
                Deployment.apps/emojivoto/voting  (waits for ServiceAccount/emojivoto/voting)
                Deployment.apps/emojivoto/web  (waits for ServiceAccount/emojivoto/web)
                Deployment.apps/emojivoto/emoji  (waits for ServiceAccount/emojivoto/emoji)
                """);
    }

    @Test
    void aRegistryRelationshipMatchesComponentsByFieldValues() {
        Design design = parser.parse("""
                apiVersion: accurate.cybozu.com/v1
                kind: SubNamespace
                metadata: {name: team-a-dev, namespace: team-a}
                spec: {parent: team-a}
                ---
                apiVersion: accurate.cybozu.com/v1
                kind: SubNamespace
                metadata: {name: other, namespace: default}
                spec: {parent: elsewhere}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: team-a}
                """, "subnamespaces.yaml").design().orElseThrow();
        RelationshipDefinition parent = new RelationshipDefinition(ModelRef.any("accurate"), "v1.0.0", "hierarchical",
                "parent", "inventory", List.of(new SelectorEnd("SubNamespace", "*", "configuration.spec.parent")),
                List.of(new SelectorEnd("Namespace", "kubernetes", "configuration.metadata.name")), "enabled",
                RelationshipDefinition.Ordering.TO_FIRST);

        Plan plan = plan(design, kind -> List.of(parent));

        assertThat(plan.step("SubNamespace.accurate.cybozu.com/team-a/team-a-dev").orElseThrow().dependsOn())
                .containsExactly("Namespace/team-a");
        assertThat(plan.step("SubNamespace.accurate.cybozu.com/default/other").orElseThrow().dependsOn()).isEmpty();
    }
}

package io.meshwright.engine.lifecycle;

import io.meshwright.engine.design.BuiltinKinds;
import io.meshwright.engine.design.DesignValidator;
import io.meshwright.engine.design.KindScopes;
import io.meshwright.engine.design.ServedKinds;
import io.meshwright.engine.design.ValidationReport;
import io.meshwright.engine.plan.KindOrder;
import io.meshwright.engine.plan.PlanInputs;
import io.meshwright.engine.plan.PlanResult;
import io.meshwright.engine.plan.Planner;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.ModelBundle;
import java.util.ArrayList;
import java.util.List;

/** Validation against the registry and the target cluster, and planning with the registry's relationships. */
public final class EngineDesignChecks implements DesignChecks {

    private final RegistryView registry;
    private final ServedKinds cluster;
    private final BuiltinKinds builtins;
    private final DesignValidator validator;
    private final Planner planner;
    private final String defaultNamespace;

    public EngineDesignChecks(RegistryView registry, ServedKinds cluster, BuiltinKinds builtins, KindOrder kindOrder,
            String defaultNamespace) {
        this.registry = registry;
        this.cluster = cluster;
        this.builtins = builtins;
        this.validator = new DesignValidator(builtins);
        this.planner = new Planner(kindOrder);
        this.defaultNamespace = defaultNamespace;
    }

    @Override
    public Validation validate(Design design) {
        ValidationReport report = validator.validate(design, registry, cluster);
        return new Validation(report.problems(), report.missingDependencies(), report.discoveredModels());
    }

    @Override
    public List<String> register(List<ModelBundle> discovered) {
        List<String> created = new ArrayList<>();
        for (ModelBundle bundle : discovered) {
            created.addAll(registry.register(bundle, bundle.model().registrant()).created());
        }
        return created;
    }

    @Override
    public Planned plan(Design design) {
        KindScopes scopes = KindScopes.of(builtins, design, cluster, registry);
        PlanResult result = planner.plan(design, new PlanInputs(defaultNamespace, scopes, registry::relationshipsFor));
        if (result.isComplete()) {
            return new Planned(result.plan(), result.problems());
        }
        List<Problem> problems = new ArrayList<>(result.problems());
        // The planner reports a cycle as a problem of its own; add one only if it did not.
        result.cycle().filter(cycle -> problems.stream().noneMatch(p -> p.message().contains(cycle.path())))
                .ifPresent(cycle -> problems.add(Problem.error("plan.cycle", cycle.message(), Location.of(design.source()))));
        return new Planned(null, problems);
    }
}

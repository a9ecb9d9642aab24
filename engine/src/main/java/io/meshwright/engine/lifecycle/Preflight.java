package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.Bounded;
import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.plan.Plan;
import io.meshwright.engine.plan.PlannedStep;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Before the first write, a server-side dry run of every object the plan already knows (the design's own
 * objects, not what a plugin's tool will render) whose namespace and kind the cluster has now: an object the
 * server would refuse as invalid (a Service without ports, a Pod without containers) stops the deploy before
 * anything is applied, instead of half-way. Objects waiting for a namespace or a CRD the design creates first
 * cannot be judged yet and are left to the apply.
 */
final class Preflight {

    private static final Gvk NAMESPACE = new Gvk("", "v1", "Namespace");

    private final DeployerSelector deployers;
    private final TargetCluster cluster;

    Preflight(DeployerSelector deployers, TargetCluster cluster) {
        this.deployers = deployers;
        this.cluster = cluster;
    }

    /** One line per object the server would refuse as invalid ({@code ref: why}); empty when none. */
    List<String> refusals(String deploymentId, Plan plan, String defaultNamespace, int concurrency) {
        Map<String, Boolean> namespaces = new ConcurrentHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (PlannedStep step : plan.steps()) {
            if (step.component().source() != null) {
                continue; // a plugin's part: its tool renders and checks it
            }
            DeploymentPart part = new DeploymentPart(deploymentId, Parts.resolved(step), defaultNamespace);
            for (Map<String, Object> object : deployers.forComponent(step.component()).render(part)) {
                candidates.add(new Candidate(step, object));
            }
        }
        return Bounded.map(candidates, Math.max(1, concurrency), candidate -> check(deploymentId, candidate, namespaces, defaultNamespace))
                .stream().filter(Objects::nonNull).toList();
    }

    private boolean exists(String namespace, Map<String, Boolean> namespaces) {
        return namespaces.computeIfAbsent(namespace,
                ns -> cluster.view().get(new ResourceRef(NAMESPACE, null, ns)).isPresent());
    }

    private static Map<String, Object> inNamespace(Map<String, Object> object, String namespace) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(object);
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        if (object.get("metadata") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> metadata.put(String.valueOf(key), value));
        }
        metadata.put("namespace", namespace);
        copy.put("metadata", metadata);
        return copy;
    }

    private String check(String deploymentId, Candidate candidate, Map<String, Boolean> namespaces,
            String defaultNamespace) {
        ResourceRef ref = candidate.step().ref();
        if (!cluster.serves(ref.gvk())) {
            return null; // its CRD comes with the design
        }
        Map<String, Object> object = candidate.object();
        if (ref.namespace() != null && !exists(ref.namespace(), namespaces)) {
            // Its namespace comes with the design: the server cannot judge it there yet, but whether it is valid
            // does not depend on the namespace, so it is judged in the default one (a dry run changes nothing).
            if (!exists(defaultNamespace, namespaces)) {
                return null;
            }
            object = inNamespace(object, defaultNamespace);
        }
        TargetCluster.ObjectCheck check = cluster.dryRun(deploymentId, object, candidate.step().id());
        if (check.verdict().equals("refused") && check.message() != null && check.message().contains(" is invalid")) {
            return ref + ": " + check.message();
        }
        return null;
    }

    private record Candidate(PlannedStep step, Map<String, Object> object) {}
}

package io.meshwright.engine.sync.drift;

import io.meshwright.engine.cluster.Bounded;
import io.meshwright.engine.cluster.ClusterUnavailableException;
import io.meshwright.engine.cluster.DryRun;
import io.meshwright.engine.cluster.KubeObjects;
import io.meshwright.engine.cluster.Target;
import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.lifecycle.DeployerSelector;
import io.meshwright.engine.lifecycle.DeploymentStore;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.engine.lifecycle.DesignChecks;
import io.meshwright.engine.lifecycle.Parts;
import io.meshwright.engine.plan.PlannedStep;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares what a deployment deployed with what runs: the stored design is planned and rendered again, each
 * object is dry-run on the server as the deploy would apply it (server-side apply, field manager
 * {@code meshwright}), and the declared fields of that result are compared with the live object
 * ({@link DeclaredFields}). Changes nothing on the cluster.
 *
 * <p>That holds for parts declared in the design itself, which render the same again from the stored design. A part
 * a plugin renders from an outside source (a Git repository) would render at the source's current head, not at what
 * was deployed (its details name the commit; the SPI renders no other), so for such a part only presence is judged:
 * each object its inventory records is read, MISSING when gone, IN_SYNC (fields not compared) when there. Parts whose
 * tool creates its objects itself (a Helm release: their records were intended for the tool) are skipped: the tool
 * owns their objects. Objects the deployment found and kept as they were (recorded pre-existing, not adopted) are
 * not its to judge.
 */
public final class DriftDetector {

    private final DesignChecks checks;
    private final DeployerSelector deployers;
    private final TargetCluster cluster;
    private final String defaultNamespace;
    private final Deployments deployments;
    private final Clock clock;

    /**
     * @param checks           plans the stored design as the deploy did
     * @param deployers        render each part's objects
     * @param cluster          the target cluster (reads and dry runs)
     * @param defaultNamespace where a namespaced object that names none went
     * @param deployments      a deployment's inventory, its parts' details, which records a tool owns
     * @param clock            the clock
     */
    public DriftDetector(DesignChecks checks, DeployerSelector deployers, TargetCluster cluster, String defaultNamespace,
            Deployments deployments, Clock clock) {
        this.checks = checks;
        this.deployers = deployers;
        this.cluster = cluster;
        this.defaultNamespace = defaultNamespace;
        this.deployments = deployments;
        this.clock = clock;
    }

    /** The drift of {@code deploymentId}, which last deployed {@code deployed}. */
    public DriftReport check(String deploymentId, DeploymentStore.Stored deployed) {
        DesignChecks.Planned planned = checks.plan(deployed.design());
        if (planned.plan() == null) {
            throw new IllegalStateException("the deployed design of " + deploymentId + " no longer plans: "
                    + planned.problems());
        }
        List<InventoryEntry> inventory = deployments.inventory(deploymentId);
        Set<String> keptAsFound = deployed.options().adoptExisting() ? Set.of() : inventory.stream()
                .filter(InventoryEntry::preExisting).map(e -> e.ref().key()).collect(Collectors.toSet());
        Map<String, Map<String, String>> details = deployments.partDetails(deploymentId);
        List<Declared> objects = new ArrayList<>();
        List<Recorded> recorded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (PlannedStep step : planned.plan().steps()) {
            if (step.component().source() == null) {
                DeploymentPart part = new DeploymentPart(deploymentId, Parts.resolved(step), defaultNamespace);
                for (Map<String, Object> object : deployers.forComponent(step.component()).render(part)) {
                    objects.add(new Declared(step.id(), object));
                }
                continue;
            }
            List<InventoryEntry> records = inventory.stream().filter(e -> step.id().equals(e.partId())
                    && (e.status() == InventoryStatus.CONFIRMED || e.status() == InventoryStatus.INTENDED)).toList();
            String type = step.component().source().type();
            if (records.stream().anyMatch(e -> deployments.toolManaged(deploymentId, e.ref()))) {
                skipped.add(step.id() + ": its objects are made by the " + type + " plugin's tool, which owns them");
                continue;
            }
            String why = "present; fields not compared: the " + type + " plugin renders it from its source"
                    + Optional.ofNullable(details.get(step.id())).filter(d -> !d.isEmpty())
                            .map(d -> " (deployed at " + d + ")").orElse("")
                    + ", which renders only at its current state";
            records.stream().filter(e -> e.status() == InventoryStatus.CONFIRMED && !keptAsFound.contains(e.ref().key()))
                    .forEach(e -> recorded.add(new Recorded(step.id(), e.ref(), why)));
        }
        int concurrency = Math.max(1, deployed.options().concurrency());
        List<ObjectDrift> compared = new ArrayList<>(Bounded.map(objects, concurrency,
                declared -> compare(deploymentId, declared, keptAsFound)));
        compared.addAll(Bounded.map(recorded, concurrency, this::presence));
        return new DriftReport(deploymentId, deployed.design().version(), clock.instant(),
                compared.stream().filter(o -> o != null).toList(), skipped);
    }

    /** Whether an object a plugin rendered from its source, as the inventory records it, is still there. */
    private ObjectDrift presence(Recorded recorded) {
        try {
            return cluster.objects().read(recorded.ref()).isPresent()
                    ? new ObjectDrift(recorded.ref(), recorded.partId(), ObjectDrift.Verdict.IN_SYNC, List.of(),
                            recorded.why())
                    : new ObjectDrift(recorded.ref(), recorded.partId(), ObjectDrift.Verdict.MISSING, List.of(),
                            "deleted outside Meshwright");
        } catch (RuntimeException e) {
            return new ObjectDrift(recorded.ref(), recorded.partId(), ObjectDrift.Verdict.UNCHECKED, List.of(),
                    String.valueOf(e.getMessage()));
        }
    }

    private ObjectDrift compare(String deploymentId, Declared declared, Set<String> keptAsFound) {
        KubeObjects objects = cluster.objects();
        Target resolved;
        try {
            resolved = objects.resolve(declared.object());
        } catch (ApplyException e) {
            return unchecked(e.ref(), declared, e.getMessage());
        }
        ResourceRef ref = resolved.ref();
        if (keptAsFound.contains(ref.key())) {
            return null;
        }
        try {
            // The dry run reads the live object first and returns it with the result: one read, one dry run.
            DryRun wouldBe = objects.dryRun(declared.object(), deploymentId, declared.partId());
            Optional<Map<String, Object>> live = wouldBe.live();
            if (live.isEmpty()) {
                return missing(ref, declared);
            }
            List<FieldDrift> fields = DeclaredFields.compare(SecretValues.asStored(declared.object()), wouldBe.result(),
                    live.get());
            if (SecretValues.isSecret(ref)) {
                fields = SecretValues.hidden(fields);
            }
            return new ObjectDrift(ref, declared.partId(),
                    fields.isEmpty() ? ObjectDrift.Verdict.IN_SYNC : ObjectDrift.Verdict.CHANGED, fields, null);
        } catch (ApplyException refused) {
            // A dry run of an absent object is refused when its namespace went too: that is a deletion.
            return absent(objects, resolved) ? missing(ref, declared) : unchecked(ref, declared, refused.getMessage());
        } catch (ClusterUnavailableException e) {
            return unchecked(ref, declared, e.getMessage());
        }
    }

    private static boolean absent(KubeObjects objects, Target target) {
        try {
            return objects.read(target).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ObjectDrift missing(ResourceRef ref, Declared declared) {
        return new ObjectDrift(ref, declared.partId(), ObjectDrift.Verdict.MISSING, List.of(), "deleted outside Meshwright");
    }

    private static ObjectDrift unchecked(ResourceRef ref, Declared declared, String why) {
        return new ObjectDrift(ref, declared.partId(), ObjectDrift.Verdict.UNCHECKED, List.of(), why);
    }

    private record Declared(String partId, Map<String, Object> object) {}

    private record Recorded(String partId, ResourceRef ref, String why) {}
}

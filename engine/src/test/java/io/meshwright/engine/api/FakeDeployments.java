package io.meshwright.engine.api;

import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A lifecycle that deploys nothing: it records designs as DEPLOYED and announces each transition on the bus. */
public final class FakeDeployments implements Deployments {

    private final Map<String, DeploymentRecord> records = new ConcurrentHashMap<>();
    private final EventBus events;
    private final Clock clock;
    public volatile DeployOptions lastDeployOptions;
    public volatile UndeployOptions lastUndeployOptions;

    public FakeDeployments(EventBus events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String idFor(Design design) {
        return design.name() + "@test";
    }

    @Override
    public DeploymentRecord deploy(Design design, DeployOptions options) {
        lastDeployOptions = options;
        String id = idFor(design);
        DeploymentRecord record = new DeploymentRecord(id, design.id(), design.name(), design.version(), "test",
                DeploymentState.DEPLOYED, null, clock.instant(), clock.instant());
        records.put(id, record);
        events.info("deployment.state", id, "PENDING -> DEPLOYED");
        return record;
    }

    @Override
    public UndeployReport undeploy(String deploymentId, UndeployOptions options) {
        lastUndeployOptions = options;
        DeploymentRecord old = get(deploymentId).orElseThrow(() -> ApiException.notFound("no deployment " + deploymentId));
        DeploymentRecord record = new DeploymentRecord(old.id(), old.designId(), old.designName(), old.designVersion(),
                old.cluster(), DeploymentState.UNDEPLOYED, null, old.createdAt(), clock.instant());
        records.put(deploymentId, record);
        ResourceRef ref = new ResourceRef(new Gvk("", "v1", "ConfigMap"), "default", "settings");
        return new UndeployReport(record, List.of(new DeleteOutcome.Deleted(ref)), List.of(), List.of());
    }

    @Override
    public Optional<DeploymentRecord> get(String deploymentId) {
        return Optional.ofNullable(records.get(deploymentId));
    }

    @Override
    public List<DeploymentRecord> list() {
        return List.copyOf(records.values());
    }

    @Override
    public List<InventoryEntry> inventory(String deploymentId) {
        return List.of();
    }
}

package io.meshwright.sample;

import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.Deployer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * A deployer for components whose {@code metadata.source.type} is {@code sample}: each becomes a ConfigMap
 * holding the component's configuration, applied through the engine's applier (so the inventory knows it).
 * Its undeploy removes what it made itself, to show the hook a tool-backed deployer (Helm) uses; the engine's
 * sweep afterwards finds those objects gone.
 */
@Extension
public final class SampleDeployer implements Deployer {

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public boolean supports(ComponentDeclaration component) {
        return component.source() != null && "sample".equals(component.source().type());
    }

    @Override
    public List<Map<String, Object>> render(DeploymentPart part) {
        return List.of(configMap(part));
    }

    @Override
    public PartOutcome deploy(DeploymentPart part, ClusterApplier applier) {
        try {
            ApplyResult result = applier.apply(configMap(part), part.id());
            return result.created() || result.changed() ? new PartOutcome.Applied(List.of(result.ref()))
                    : new PartOutcome.Unchanged(List.of(result.ref()));
        } catch (ApplyException e) {
            return new PartOutcome.Failed(e.getMessage(), e.ref());
        }
    }

    @Override
    public PartOutcome undeploy(DeploymentPart part, List<InventoryEntry> inventory, ClusterApplier applier) {
        List<InventoryEntry> ours = inventory.stream().filter(entry -> !entry.preExisting()).toList();
        if (ours.isEmpty()) {
            return new PartOutcome.Unchanged(List.of());
        }
        List<DeleteOutcome> outcomes = applier.deleteAll(ours, Duration.ofSeconds(30), 4);
        for (DeleteOutcome outcome : outcomes) {
            if (outcome instanceof DeleteOutcome.Failed failed) {
                return new PartOutcome.Failed(failed.message(), failed.ref());
            }
        }
        return new PartOutcome.Applied(outcomes.stream().map(DeleteOutcome::ref).toList());
    }

    private static Map<String, Object> configMap(DeploymentPart part) {
        ComponentDeclaration component = part.component();
        Map<String, Object> data = new LinkedHashMap<>();
        component.configuration().forEach((key, value) -> {
            if (!key.equals("metadata")) {
                data.put(key, String.valueOf(value));
            }
        });
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "sample-" + component.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
        metadata.put("namespace", component.namespace() != null ? component.namespace() : part.defaultNamespace());
        return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", metadata, "data", data);
    }
}

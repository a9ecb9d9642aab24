package io.meshwright.plugins.git.deploy;

import io.meshwright.spi.deploy.ApplyAttempt;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.ClusterView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The engine's applier, noting the name of every object the deployer hands it to apply. */
final class CountingApplier implements ClusterApplier {

    private final ClusterApplier delegate;
    final List<String> applied = new CopyOnWriteArrayList<>();
    // Runs right after each batch is applied: a change someone makes while the deploy is still going.
    volatile Runnable afterApply = () -> { };

    CountingApplier(ClusterApplier delegate) {
        this.delegate = delegate;
    }

    private void note(Map<String, Object> object) {
        applied.add(String.valueOf(((Map<?, ?>) object.get("metadata")).get("name")));
    }

    @Override
    public String deploymentId() {
        return delegate.deploymentId();
    }

    @Override
    public ApplyResult apply(Map<String, Object> object, String partId) {
        note(object);
        return delegate.apply(object, partId);
    }

    @Override
    public List<PartOutcome> applyMany(List<Map<String, Object>> objects, List<String> partIds, int concurrency) {
        objects.forEach(this::note);
        List<PartOutcome> outcomes = delegate.applyMany(objects, partIds, concurrency);
        afterApply.run();
        return outcomes;
    }

    @Override
    public List<ApplyAttempt> applyEach(List<Map<String, Object>> objects, List<String> partIds, int concurrency) {
        objects.forEach(this::note);
        List<ApplyAttempt> attempts = delegate.applyEach(objects, partIds, concurrency);
        afterApply.run();
        return attempts;
    }

    @Override
    public void intend(List<ResourceRef> refs, String partId) {
        delegate.intend(refs, partId);
    }

    @Override
    public List<InventoryEntry> confirm(List<ResourceRef> refs, String partId) {
        return delegate.confirm(refs, partId);
    }

    @Override
    public DeleteOutcome delete(InventoryEntry entry, Duration timeout) {
        return delegate.delete(entry, timeout);
    }

    @Override
    public List<DeleteOutcome> deleteAll(List<InventoryEntry> entries, Duration timeout, int concurrency) {
        return delegate.deleteAll(entries, timeout, concurrency);
    }

    @Override
    public List<InventoryEntry> inventory(String partId) {
        return delegate.inventory(partId);
    }

    @Override
    public ClusterView view() {
        return delegate.view();
    }
}

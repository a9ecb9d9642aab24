package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.plan.KindOrder;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.event.EventSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The lifecycle behind the APIs: deploy, undeploy and resume. Work on one deployment is serialised (an
 * undeploy asked for during a deploy waits for it); different deployments proceed in parallel.
 */
public final class LifecycleService implements Deployments {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LifecycleService.class);

    private final DeploymentStore store;
    private final Inventory inventory;
    private final TargetCluster cluster;
    private final Deploy deploy;
    private final Undeploy undeploy;
    private final EventSink events;
    private final Transitioner transitions;
    private final ClusterGuard guard;
    private final Drain drain;
    private final Orphans orphans;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    // Deploys and undeploys write the cluster under the read side, an orphan clean deletes under the write side: no
    // deploy (an --adopt one, say) claims an object between the clean's last look at the records and its delete.
    private final java.util.concurrent.locks.ReentrantReadWriteLock clusterWrites =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    public LifecycleService(DeploymentStore store, Inventory inventory, TargetCluster cluster,
            DesignChecks checks, DeployerSelector deployers, KindOrder kindOrder, DependencyInstaller dependencies,
            EventSink events, Clock clock, String defaultNamespace, int concurrency) {
        this.store = store;
        this.inventory = inventory;
        this.cluster = cluster;
        this.events = events;
        this.drain = new Drain(clock);
        this.transitions = new Transitioner(store, events, clock, drain);
        this.guard = new ClusterGuard(store, cluster);
        LevelApplier levels = new LevelApplier(deployers, cluster, events, clock);
        Remover remover = new Remover(inventory, cluster, kindOrder, concurrency);
        this.deploy = new Deploy(store, inventory, cluster, guard, checks, levels, remover, dependencies, transitions,
                new Preflight(deployers, cluster), events, defaultNamespace);
        this.undeploy = new Undeploy(store, inventory, cluster, guard, remover, deployers, transitions, events,
                defaultNamespace);
        this.orphans = new Orphans(store, inventory, cluster, kindOrder, concurrency, clusterWrites.writeLock());
    }

    @Override
    public java.util.Map<String, java.util.Map<String, String>> partDetails(String deploymentId) {
        return store.partDetails(deploymentId);
    }

    @Override
    public Optional<Orphans> orphans() {
        return Optional.of(orphans);
    }

    @Override
    public String idFor(Design design) {
        String key = design.id() == null || design.id().isBlank() ? design.name() : design.id();
        String slug = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        // A label value holds at most 63 characters; the hash keeps ids of long or similar names apart and
        // ties the deployment to its target cluster.
        return (slug.isEmpty() ? "design" : slug) + "-" + shortHash(key + "@" + cluster.name());
    }

    @Override
    public DeploymentRecord deploy(Design design, DeployOptions options) {
        String id = idFor(design);
        return drain.run(id, () -> locked(id, () -> deploy.run(id, design, options)));
    }

    @Override
    public void checkAccepting() {
        if (drain.draining()) {
            throw new EngineStoppingException("the engine is stopping and takes no new work; try again once it has"
                    + " restarted");
        }
    }

    /**
     * The graceful stop: refuses new deploys and undeploys ({@link EngineStoppingException}), lets the running ones
     * finish until {@code timeout}, then records each deployment still being worked on as interrupted (it stays
     * in its working state, with the cause and a history line saying so) and interrupts that work, which may no
     * longer change the record. The next start's {@link #resumeInterrupted()} finishes those deployments. Returns
     * their ids. The cluster client and the store may be closed after {@link #awaitStopped}.
     */
    public List<String> drain(Duration timeout) {
        Set<String> unfinished = drain.drain(timeout);
        List<String> interrupted = new ArrayList<>();
        for (String id : unfinished) {
            store.get(id).filter(record -> !record.state().isSettled()).ifPresent(record -> {
                store.markInterrupted(id, "interrupted: the engine stopped during " + record.state() + " (still"
                        + " running when the shutdown timeout of " + timeout.toSeconds() + " s passed); it resumes at"
                        + " the next start");
                events.info("deployment.interrupted", id, "the engine is stopping during " + record.state()
                        + "; the deployment resumes at the next start");
                interrupted.add(id);
            });
        }
        drain.interruptAbandoned();
        return interrupted;
    }

    /** Waits up to {@code timeout} for the work {@link #drain} gave up on to return; whether it did. */
    public boolean awaitStopped(Duration timeout) {
        return drain.awaitStopped(timeout);
    }

    @Override
    public UndeployReport undeploy(String deploymentId, UndeployOptions options) {
        return drain.run(deploymentId, () -> locked(deploymentId, () -> undeploy.run(deploymentId, options)));
    }

    @Override
    public Optional<DeploymentRecord> get(String deploymentId) {
        return store.get(deploymentId);
    }

    @Override
    public List<DeploymentRecord> list() {
        return store.list();
    }

    @Override
    public List<InventoryEntry> inventory(String deploymentId) {
        return inventory.entries(deploymentId);
    }

    @Override
    public boolean toolManaged(String deploymentId, io.meshwright.spi.deploy.ResourceRef ref) {
        return inventory.toolManaged(deploymentId, ref);
    }

    @Override
    public List<String> history(String deploymentId) {
        return store.history(deploymentId);
    }

    @Override
    public <T> Optional<T> judgeDrift(String id, java.util.function.Function<DeploymentStore.Stored, T> check,
            java.util.function.Function<T, Optional<String>> cause) {
        return drain.run(id, () -> locked(id, () -> {
            DeploymentRecord record = store.get(id).orElseThrow(() -> new UnknownDeploymentException(id));
            if (record.state() != DeploymentState.DEPLOYED && record.state() != DeploymentState.DRIFTED) {
                return Optional.<T>empty();
            }
            T result = check.apply(store.stored(id).orElseThrow());
            Optional<String> drift = cause.apply(result);
            transitions.move(id, drift.isPresent() ? DeploymentState.DRIFTED : DeploymentState.DEPLOYED,
                    drift.orElse(null));
            return Optional.of(result);
        }));
    }

    @Override
    public DeploymentRecord reconcile(String id) {
        return drain.run(id, () -> locked(id, () -> {
            DeploymentRecord record = store.get(id).orElseThrow(() -> new UnknownDeploymentException(id));
            if (record.state() != DeploymentState.DEPLOYED && record.state() != DeploymentState.DRIFTED) {
                throw new IllegalTransitionException(id, record.state(), DeploymentState.APPLYING);
            }
            DeploymentStore.Stored stored = store.stored(id).orElseThrow();
            events.info("deployment.reconcile", id, "re-applying version " + record.designVersion()
                    + " as deployed");
            return deploy.run(id, stored.design(), stored.options());
        }));
    }

    /**
     * Finishes what a previous run of the engine left unfinished: an interrupted deploy is marked FAILED
     * (with the reason) and deployed again from the stored design, which re-applies idempotently and settles
     * every intent; an interrupted undeploy is carried on. Returns the deployments it touched.
     */
    public List<DeploymentRecord> resumeInterrupted() {
        List<DeploymentRecord> touched = new ArrayList<>();
        for (DeploymentRecord candidate : store.list()) {
            if (candidate.state().isSettled()) {
                continue;
            }
            try {
                touched.add(drain.run(candidate.id(), () -> locked(candidate.id(), () -> resume(candidate.id()))));
            } catch (RuntimeException e) {
                // Logged as well: at start-up nobody follows the deployment's events yet.
                LOG.warn("could not resume deployment {}: {}", candidate.id(), e.getMessage());
                events.info("deployment.resume", candidate.id(), "could not resume: " + e.getMessage());
            }
        }
        return touched;
    }

    /** Runs under the deployment's lock; re-reads it, since a user call may have settled it meanwhile. */
    private DeploymentRecord resume(String id) {
        DeploymentRecord interrupted = store.get(id).orElseThrow(() -> new UnknownDeploymentException(id));
        if (interrupted.state().isSettled()) {
            return interrupted;
        }
        guard.check(id); // never resume into another cluster than the deployment's
        events.info("deployment.resume", id, "resuming after the engine stopped during " + interrupted.state());
        if (interrupted.state() == DeploymentState.UNDEPLOYING) {
            // Carried on as it was asked; a store from before options were recorded gives no answer, and CRDs are
            // the one thing not to remove on a guess.
            return undeploy.run(id, store.undeployOptions(id).orElse(
                    new UndeployOptions(false, false, UndeployOptions.defaults().timeout(), false))).deployment();
        }
        DeploymentStore.Stored stored = store.stored(id).orElseThrow();
        transitions.move(id, DeploymentState.FAILED, "interrupted: the engine stopped during "
                + interrupted.state() + "; resumed at start-up");
        return deploy.run(id, stored.design(), stored.options());
    }

    private <T> T locked(String id, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        clusterWrites.readLock().lock();
        try {
            // Waited for the lock while the engine gave up on its work: start nothing.
            transitions.record(() -> null);
            return work.get();
        } finally {
            clusterWrites.readLock().unlock();
            lock.unlock();
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

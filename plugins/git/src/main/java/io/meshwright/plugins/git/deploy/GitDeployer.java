package io.meshwright.plugins.git.deploy;

import io.meshwright.plugins.git.chart.ChartParts;
import io.meshwright.plugins.git.repo.GitException;
import io.meshwright.plugins.git.repo.GitLocation;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.plugins.git.repo.Snapshot;
import io.meshwright.spi.Severity;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.ApplyAttempt;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.ClusterView;
import io.meshwright.spi.extension.Deployer;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the manifests of a Git repository folder at a commit: a component whose {@code source} is
 * {@code git} (location = repository URL, {@code ref}, {@code path}, options {@code include}/{@code exclude}).
 * Every object goes through the applier, so the inventory holds all of them, CRDs and namespaces included:
 * namespaces and CRDs first, then (once the cluster serves the new kinds) the rest. What the part's inventory
 * holds but the commit no longer has is deleted through the applier (objects, then CRDs that no custom resource
 * uses any more, then namespaces). The commit deployed is published as a {@code git.commit} note.
 *
 * <p>Undeploy has nothing tool-specific to do: the engine's sweep removes the inventory.
 */
@Extension
public final class GitDeployer implements Deployer {

    private static final Logger LOG = LoggerFactory.getLogger(GitDeployer.class);
    /** As many objects at once as the engine's default deploy concurrency; the applier caps it to the deploy's. */
    private static final int CONCURRENCY = 16;
    private static final Duration CRD_SERVED = Duration.ofSeconds(60);
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(60);
    /** Files whose parsed documents are kept: a few thousand manifests of a few kB are a few MB. */
    private static final int PARSED_FILES = 4096;

    private final GitRepositories repositories;
    private final DeployedObjects deployed;
    private final EventSink events;
    private final Clock clock;
    private final ChartParts charts;
    /** Parsed files by blob id: a redeploy parses only the files its commit changed. */
    private final ParsedFiles parsed = new ParsedFiles(PARSED_FILES);

    /** The constructor the engine uses. */
    public GitDeployer(PluginContext context) {
        this(new GitRepositories(context.workDir().resolve("repositories"), context.secrets()), DeployedObjects.in(context.workDir().resolve("deployed")),
                context.events(), context.clock(), context.deployers(), context.workDir().resolve("charts"));
    }

    /** A deployer that applies every object on every deploy (it keeps no record of what it left). */
    public GitDeployer(GitRepositories repositories, EventSink events, Clock clock) {
        this(repositories, DeployedObjects.none(), events, clock);
    }

    /** A deployer that records what each deploy left under {@code deployedRecords} and re-applies only what changed. */
    public GitDeployer(GitRepositories repositories, java.nio.file.Path deployedRecords, EventSink events, Clock clock) {
        this(repositories, DeployedObjects.in(deployedRecords), events, clock);
    }

    private GitDeployer(GitRepositories repositories, DeployedObjects deployed, EventSink events, Clock clock) {
        this(repositories, deployed, events, clock, List::of, null);
    }

    private GitDeployer(GitRepositories repositories, DeployedObjects deployed, EventSink events, Clock clock,
            java.util.function.Supplier<List<Deployer>> deployers, java.nio.file.Path chartsDir) {
        this.repositories = repositories;
        this.deployed = deployed;
        this.events = events;
        this.clock = clock;
        this.charts = chartsDir == null ? null : new ChartParts(repositories, deployers, chartsDir);
    }

    @Override
    public String name() {
        return "git";
    }

    @Override
    public boolean supports(ComponentDeclaration component) {
        return component.source() != null && "git".equals(component.source().type());
    }

    @Override
    public List<Map<String, Object>> render(DeploymentPart part) {
        Snapshot snapshot;
        try {
            snapshot = repositories.read(GitLocation.of(part.component().source()));
        } catch (GitException e) {
            throw new GitException("component " + part.component().name() + ": " + e.getMessage(), e);
        }
        Optional<ChartParts.Chart> chart = ChartParts.of(part, snapshot);
        if (chart.isPresent()) {
            ChartDelegate delegate = chartDelegate(part, snapshot, chart.get());
            if (delegate.deployer() == null) {
                throw new IllegalArgumentException(delegate.failure());
            }
            return delegate.deployer().render(delegate.part());
        }
        return Manifests.of(snapshot, parsed).stream().map(Manifests.Manifest::object).toList();
    }

    /** A chart part handed to a chart deployer, or why it cannot be. */
    private record ChartDelegate(DeploymentPart part, Deployer deployer, String failure) {}

    private ChartDelegate chartDelegate(DeploymentPart part, Snapshot snapshot, ChartParts.Chart chart) {
        String where = snapshot.location().safeUrl() + "@" + snapshot.commit().substring(0, 7) + ":" + chart.repositoryPath();
        if (charts == null) {
            return new ChartDelegate(null, null, "component " + part.component().name() + ": " + where
                    + " is a Helm chart, and this Git deployer reaches no other deployer to deploy it");
        }
        DeploymentPart chartPart = charts.delegated(part, snapshot, chart);
        return charts.deployerFor(chartPart, this)
                .map(deployer -> new ChartDelegate(chartPart, deployer, null))
                .orElseGet(() -> new ChartDelegate(chartPart, null, "component " + part.component().name() + ": "
                        + where + " is a Helm chart, but no installed deployer supports charts (install the Helm plugin)"));
    }

    /** A chart part's outcome with the commit it came from, as a manifests part reports it. */
    private static PartOutcome withCommit(PartOutcome outcome, Snapshot snapshot) {
        Map<String, String> details = new LinkedHashMap<>(details(snapshot));
        outcome.details().forEach(details::putIfAbsent);
        return switch (outcome) {
            case PartOutcome.Applied a -> new PartOutcome.Applied(a.objects(), details);
            case PartOutcome.Unchanged u -> new PartOutcome.Unchanged(u.objects(), details);
            case PartOutcome.Waiting w -> new PartOutcome.Waiting(w.objects(), w.reason(), details);
            case PartOutcome.Failed f -> f;
        };
    }

    @Override
    public PartOutcome deploy(DeploymentPart part, ClusterApplier applier) {
        Snapshot snapshot;
        List<Manifests.Manifest> manifests;
        try {
            snapshot = repositories.read(GitLocation.of(part.component().source()));
            Optional<ChartParts.Chart> chart = ChartParts.of(part, snapshot);
            if (chart.isPresent()) {
                ChartDelegate delegate = chartDelegate(part, snapshot, chart.get());
                if (delegate.deployer() == null) {
                    return new PartOutcome.Failed(delegate.failure(), null);
                }
                publishCommit(part, snapshot, 0);
                return withCommit(delegate.deployer().deploy(delegate.part(), applier), snapshot);
            }
            manifests = Manifests.of(snapshot, parsed);
        } catch (IllegalArgumentException | GitException | Manifests.BadManifest | java.io.UncheckedIOException e) {
            return new PartOutcome.Failed("component " + part.component().name() + ": " + e.getMessage(), null);
        }
        if (manifests.isEmpty()) {
            // Pruning against an empty selection would delete the whole part: a wrong path or glob must not do that.
            GitLocation location = snapshot.location();
            return new PartOutcome.Failed("component " + part.component().name() + ": no Kubernetes objects in "
                    + location.safeUrl() + "@" + snapshot.commit().substring(0, 7) + ":"
                    + (location.path().isEmpty() ? "/" : location.path())
                    + " (check path, include and exclude); nothing applied, nothing pruned", null);
        }
        publishCommit(part, snapshot, manifests.size());
        // Taken (removed) before anything is written: only a deploy that succeeds records what it left.
        Map<String, DeployedObjects.Left> previous = deployed.take(part);
        List<InventoryEntry> inventory = previous.isEmpty() ? List.of() : applier.inventory(part.id());

        List<Map<String, Object>> first = new ArrayList<>();
        List<Map<String, Object>> rest = new ArrayList<>();
        for (Manifests.Manifest manifest : manifests) {
            (Kinds.applyStage(manifest.object()) == 0 ? first : rest).add(manifest.object());
        }
        Map<String, String> fingerprints = new java.util.HashMap<>(DeployedObjects.fingerprints(first));
        // What this deploy leaves, from the applies' answers (a read afterwards might already see someone's edit).
        Map<String, DeployedObjects.Left> left = new java.util.HashMap<>();
        List<PartOutcome> outcomes = new ArrayList<>(applyChanged(first, fingerprints, previous, inventory, part, applier,
                left));
        Optional<PartOutcome> failed = firstFailure(outcomes);
        if (failed.isPresent()) {
            return failed.get();
        }
        Optional<String> unserved = awaitServed(first, applier.view());
        if (unserved.isPresent()) {
            return new PartOutcome.Failed(unserved.get(), null);
        }
        String namespace = part.defaultNamespace() == null ? "default" : part.defaultNamespace();
        rest.forEach(object -> defaultNamespace(object, namespace, applier.view()));
        fingerprints.putAll(DeployedObjects.fingerprints(rest));
        outcomes.addAll(applyChanged(rest, fingerprints, previous, inventory, part, applier, left));
        failed = firstFailure(outcomes);
        if (failed.isPresent()) {
            return failed.get();
        }

        List<ResourceRef> refs = outcomes.stream().flatMap(o -> refsOf(o).stream()).toList();
        Set<String> keys = new LinkedHashSet<>();
        refs.forEach(ref -> keys.add(ref.key()));
        Pruning pruning = prune(part, keys, applier);
        if (pruning.failure() != null) {
            return new PartOutcome.Failed(pruning.failure(), null);
        }
        boolean changed = outcomes.stream().anyMatch(PartOutcome.Applied.class::isInstance);
        deployed.save(part, left);
        Map<String, String> details = details(snapshot);
        return changed || pruning.deleted() > 0 ? new PartOutcome.Applied(refs, details)
                : new PartOutcome.Unchanged(refs, details);
    }

    /** What {@code deployment get} shows of the part: the commit it runs and where it came from (no user info). */
    private static Map<String, String> details(Snapshot snapshot) {
        GitLocation location = snapshot.location();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("commit", snapshot.commit());
        details.put("url", location.safeUrl());
        details.put("ref", location.ref() == null ? "HEAD" : location.ref());
        details.put("path", location.path().isEmpty() ? "/" : location.path());
        return details;
    }

    /**
     * A folder of manifests needs nothing here: the engine removes every inventory record of the part (reverse
     * kind order, CRD rule), and a Git deployment made nothing outside the inventory. A chart part is undeployed
     * by the chart deployer that deployed it (a Helm release is uninstalled); when the repository cannot be read
     * any more, the engine's sweep of the inventory is what is left.
     */
    @Override
    public PartOutcome undeploy(DeploymentPart part, List<InventoryEntry> inventory, ClusterApplier applier) {
        Snapshot snapshot;
        Optional<ChartParts.Chart> chart;
        try {
            snapshot = repositories.read(GitLocation.of(part.component().source()));
            chart = ChartParts.of(part, snapshot);
        } catch (IllegalArgumentException | GitException e) {
            LOG.warn("deployment {} part {}: {}; its inventory is removed without the tool that deployed it",
                    part.deploymentId(), part.id(), e.getMessage());
            return new PartOutcome.Unchanged(List.of());
        }
        if (chart.isEmpty()) {
            return new PartOutcome.Unchanged(List.of());
        }
        ChartDelegate delegate;
        try {
            delegate = chartDelegate(part, snapshot, chart.get());
        } catch (GitException | java.io.UncheckedIOException e) {
            return new PartOutcome.Failed("component " + part.component().name() + ": " + e.getMessage(), null);
        }
        return delegate.deployer() == null ? new PartOutcome.Failed(delegate.failure(), null)
                : delegate.deployer().undeploy(delegate.part(), inventory, applier);
    }

    /**
     * Applies the objects whose manifest, inventory record or live object changed since the last successful deploy
     * ({@link DeployedObjects}); the others are reported unchanged without a request. Puts into {@code left} what
     * each object is left as: a skipped one as the last deploy recorded it, an applied one as its apply answered.
     */
    private List<PartOutcome> applyChanged(List<Map<String, Object>> objects, Map<String, String> fingerprints,
            Map<String, DeployedObjects.Left> previous, List<InventoryEntry> inventory, DeploymentPart part,
            ClusterApplier applier, Map<String, DeployedObjects.Left> left) {
        java.util.Set<String> unchanged = deployed.unchanged(part, objects, fingerprints, previous, inventory, applier.view());
        List<PartOutcome> outcomes = new ArrayList<>();
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            String key = DeployedObjects.key(object);
            if (unchanged.contains(key)) {
                outcomes.add(new PartOutcome.Unchanged(List.of(DeployedObjects.ref(object))));
                left.put(key, previous.get(key));
            } else {
                changed.add(object);
            }
        }
        if (changed.isEmpty()) {
            return outcomes;
        }
        List<ApplyAttempt> attempts = applier.applyEach(changed, Collections.nCopies(changed.size(), part.id()), CONCURRENCY);
        for (int i = 0; i < attempts.size(); i++) {
            ApplyAttempt attempt = attempts.get(i);
            outcomes.add(attempt.outcome());
            String key = DeployedObjects.key(changed.get(i));
            if (attempt.result() != null && attempt.result().resourceVersion() != null
                    && !attempt.result().resourceVersion().isEmpty() && attempt.result().uid() != null) {
                left.put(key, new DeployedObjects.Left(fingerprints.get(key), attempt.result().uid(),
                        attempt.result().resourceVersion()));
            }
        }
        return outcomes;
    }

    /** What pruning did: how many objects it deleted, or why it could not. */
    private record Pruning(int deleted, String failure) {}

    /**
     * Deletes the part's inventoried objects that the commit no longer has: objects, then CRDs, then namespaces.
     * A dropped CRD whose kinds still have custom resources (someone else's) is kept in the inventory, so the
     * engine's undeploy decides about it under its CRD rule.
     */
    private Pruning prune(DeploymentPart part, Set<String> applied, ClusterApplier applier) {
        List<InventoryEntry> dropped = applier.inventory(part.id()).stream()
                .filter(entry -> !applied.contains(entry.ref().key()))
                .filter(entry -> !entry.preExisting())
                .toList();
        int deleted = 0;
        List<String> problems = new ArrayList<>();
        for (int stage = 0; stage < 3; stage++) {
            int current = stage;
            List<InventoryEntry> batch = new ArrayList<>();
            for (InventoryEntry entry : dropped) {
                if (Kinds.deleteStage(entry.ref()) != current) {
                    continue;
                }
                Optional<String> inUse = current == 1 ? crdInUse(entry.ref(), applier.view()) : Optional.empty();
                if (inUse.isPresent()) {
                    note(part, "git.prune.kept", Severity.WARNING, "kept " + entry.ref() + ": " + inUse.get(),
                            Map.of("object", entry.ref().toString()));
                } else {
                    batch.add(entry);
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            for (DeleteOutcome outcome : applier.deleteAll(batch, DELETE_TIMEOUT, CONCURRENCY)) {
                switch (outcome) {
                    case DeleteOutcome.Deleted d -> deleted++;
                    case DeleteOutcome.AlreadyGone g -> deleted++;
                    case DeleteOutcome.Kept k -> { }
                    case DeleteOutcome.BlockedByFinalizers b -> problems.add(b.ref() + " is held by finalizers "
                            + b.finalizers());
                    case DeleteOutcome.Failed f -> problems.add(f.ref() + ": " + f.message());
                }
            }
        }
        return new Pruning(deleted, problems.isEmpty() ? null
                : "component " + part.component().name() + ": could not remove what the repository dropped: "
                        + String.join("; ", problems));
    }

    /** Why a CRD must stay: custom resources of one of its kinds still exist. */
    private static Optional<String> crdInUse(ResourceRef crd, ClusterView view) {
        Optional<Map<String, Object>> live = view.get(crd);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        for (Gvk kind : Kinds.served(live.get())) {
            if (view.serves(kind) && !view.list(kind, null, null).isEmpty()) {
                return Optional.of("custom resources of " + kind + " still exist");
            }
        }
        return Optional.empty();
    }

    /** Waits until the cluster serves every kind the applied CRDs define, so their custom resources can follow. */
    private static Optional<String> awaitServed(List<Map<String, Object>> first, ClusterView view) {
        List<Gvk> kinds = first.stream().filter(Kinds::isCrd).flatMap(crd -> Kinds.served(crd).stream()).toList();
        Instant deadline = Instant.now().plus(CRD_SERVED);
        for (Gvk kind : kinds) {
            while (!view.serves(kind)) {
                if (Instant.now().isAfter(deadline)) {
                    return Optional.of("the cluster did not serve " + kind + " within " + CRD_SERVED.toSeconds()
                            + " s of applying its CustomResourceDefinition");
                }
                sleep();
            }
        }
        return Optional.empty();
    }

    /** A namespaced object the repository gives no namespace goes into the part's. */
    @SuppressWarnings("unchecked")
    private static void defaultNamespace(Map<String, Object> object, String namespace, ClusterView view) {
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        Object given = metadata.get("namespace");
        if ((given == null || String.valueOf(given).isBlank())
                && view.namespaced(Kinds.gvkOf(object)).orElse(false)) {
            metadata.put("namespace", namespace);
        }
    }

    private void publishCommit(DeploymentPart part, Snapshot snapshot, int objects) {
        GitLocation location = snapshot.location();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("part", part.id());
        attributes.put("commit", snapshot.commit());
        attributes.put("url", location.safeUrl());
        attributes.put("ref", location.ref() == null ? "HEAD" : location.ref());
        attributes.put("path", location.path());
        attributes.put("objects", String.valueOf(objects));
        // Events are live only; the log line keeps which commit a deployment ran for later.
        LOG.info("deployment {} part {}: commit {} of {} ({}), {} object(s)", part.deploymentId(), part.id(),
                snapshot.commit(), location.safeUrl(), location.path().isEmpty() ? "/" : location.path(), objects);
        note(part, "git.commit", Severity.INFO, "component " + part.component().name() + " at commit "
                + snapshot.commit() + " of " + location.safeUrl() + (location.path().isEmpty() ? "" : " (" + location.path() + ")")
                + ": " + objects + " object(s)", attributes);
    }

    private void note(DeploymentPart part, String type, Severity severity, String message, Map<String, String> attributes) {
        events.publish(new Event.Note(type, part.deploymentId(), severity, message, attributes, clock.instant()));
    }

    private static Optional<PartOutcome> firstFailure(List<PartOutcome> outcomes) {
        return outcomes.stream().filter(PartOutcome.Failed.class::isInstance).findFirst();
    }

    private static List<ResourceRef> refsOf(PartOutcome outcome) {
        return switch (outcome) {
            case PartOutcome.Applied a -> a.objects();
            case PartOutcome.Unchanged u -> u.objects();
            case PartOutcome.Waiting w -> w.objects();
            case PartOutcome.Failed f -> List.of();
        };
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for CRDs to be served", e);
        }
    }
}

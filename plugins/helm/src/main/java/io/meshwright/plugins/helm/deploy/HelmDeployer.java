package io.meshwright.plugins.helm.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Release;
import io.meshwright.plugins.helm.chart.ChartException;
import io.meshwright.plugins.helm.chart.ChartFiles;
import io.meshwright.plugins.helm.chart.ChartRepository;
import io.meshwright.plugins.helm.chart.HelmCalls;
import io.meshwright.plugins.helm.chart.ResolvedChart;
import io.meshwright.plugins.helm.chart.Yaml;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.Deployer;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.Gvk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Deploys a chart component as a Helm release, through Helm itself (install, upgrade, uninstall), and records
 * every object the release makes in the deployment's inventory with the applier's intend/confirm: the manifest,
 * the hooks, the {@code crds/} CRDs, objects Helm keeps ({@code helm.sh/resource-policy: keep}), the namespace
 * if it created it, and Helm's own release records.
 *
 * <p>Undeploy runs Helm's uninstall, then deletes what Helm leaves of this part (hook objects, kept objects).
 * CRDs and the namespace stay in the inventory for the engine, which removes them after every part is gone and
 * only under its CRD rule (no custom resources left, no other deployment claims them).
 */
@Extension
public final class HelmDeployer implements Deployer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Gvk NAMESPACE = new Gvk("", "v1", "Namespace");
    private static final List<String> DELETE_EVENTS = List.of("pre-delete", "post-delete");

    private final RegistryView registry;
    private final ChartRepository repository;
    private final Kubeconfigs kubeconfigs;
    private final HelmCalls helm = new HelmCalls();

    /** The constructor the engine uses. */
    public HelmDeployer(PluginContext context) {
        this(context.registry(), new ChartRepository(context.workDir().resolve("charts"), context.fetcher()),
                EngineKubeconfigs.INSTANCE);
    }

    public HelmDeployer(RegistryView registry, ChartRepository repository, Kubeconfigs kubeconfigs) {
        this.registry = registry;
        this.repository = repository;
        this.kubeconfigs = kubeconfigs;
    }

    @Override
    public String name() {
        return "helm";
    }

    @Override
    public boolean supports(ComponentDeclaration component) {
        return HelmPart.names(component);
    }

    @Override
    public List<Map<String, Object>> render(DeploymentPart part) {
        HelmPart target = HelmPart.of(part, registry);
        ResolvedChart chart = ResolvedChart.resolve(target.chart(), repository);
        return withValues(target, values -> {
            List<Map<String, Object>> objects = new ArrayList<>(helm.crds(chart));
            objects.addAll(Yaml.documents(helm.template(chart, target.release(), target.namespace(), values)));
            // No cluster here: Helm's default capabilities stand in for the server's.
            objects.addAll(helm.hooks(chart, target.release(), target.namespace(), values, null));
            return new ObjectRefs(target.namespace(), objects).placed(objects);
        });
    }

    @Override
    public PartOutcome deploy(DeploymentPart part, ClusterApplier applier) {
        HelmPart target;
        ResolvedChart chart;
        try {
            target = HelmPart.of(part, registry);
            chart = ResolvedChart.resolve(target.chart(), repository);
        } catch (IllegalArgumentException | ChartException e) {
            return new PartOutcome.Failed(e.getMessage(), null);
        }
        return withValues(target, values -> deploy(part.id(), target, chart, values, applier));
    }

    private PartOutcome deploy(String partId, HelmPart target, ResolvedChart chart, Path values, ClusterApplier applier) {
        List<Map<String, Object>> rendered;
        try {
            // The server's version, so templates gated on .Capabilities.KubeVersion render as the install will.
            String kubeVersion = applier.view().serverVersion().orElse(null);
            rendered = new ArrayList<>(helm.crds(chart));
            rendered.addAll(Yaml.documents(helm.template(chart, target.release(), target.namespace(), values, kubeVersion)));
            rendered.addAll(helm.hooks(chart, target.release(), target.namespace(), values, kubeVersion));
        } catch (HelmCalls.HelmException e) {
            return failed(Preflight.explain("rendering", chart.source(), target.release(), e.getMessage(), List.of()));
        }
        ObjectRefs refs = new ObjectRefs(target.namespace(), rendered);
        Optional<String> unserved = Preflight.unservedKinds(chart.source(), rendered, applier);
        if (unserved.isPresent()) {
            return failed(unserved.get());
        }
        List<String> cel = Preflight.celCrds(rendered);
        String kubeconfig = kubeconfigs.of(applier);
        HelmCalls.Options options = new HelmCalls.Options(false, target.disableOpenApiValidation(), target.atomic(),
                target.timeoutSeconds());
        try {
            Optional<ReleaseRecord> current = currentRecord(target, kubeconfig, applier, partId);
            if (current.isPresent() && isSettled(current.get(), chart, target)) {
                List<ResourceRef> all = union(refs.refs(current.get().objects()), refs.refs(rendered),
                        List.of(ReleaseRecord.secret(target.release(), target.namespace(), current.get().revision())));
                // What the release's record names but the inventory lacks (the engine died after Helm ran, before
                // recording it). Only the record: a crds/ CRD is not in it (Helm skips one that exists, so it may be
                // someone else's), and those were intended before the install, which crash recovery settles.
                List<ResourceRef> recorded = refsOf(applier.inventory(partId));
                List<ResourceRef> unrecorded = union(refs.refs(current.get().objects()),
                        List.of(ReleaseRecord.secret(target.release(), target.namespace(), current.get().revision())))
                        .stream().filter(r -> !recorded.contains(r)).toList();
                if (!unrecorded.isEmpty()) {
                    applier.recordMade(unrecorded, partId, HelmMarks.of(target.release(), target.namespace()));
                }
                return new PartOutcome.Unchanged(refsOf(applier.confirm(all, partId)), Map.of("release", target.release(),
                        "revision", String.valueOf(current.get().revision())));
            }
            if (needsDryRun(chart, cel, target)) {
                helm.install(chart, target.release(), target.namespace(), values, kubeconfig,
                        new HelmCalls.Options(false, target.disableOpenApiValidation(), false, target.timeoutSeconds()), true);
            }
            int revision = current.map(r -> r.revision() + 1).orElse(1);
            ResourceRef namespace = new ResourceRef(NAMESPACE, null, target.namespace());
            boolean createNamespace = applier.view().get(namespace).isEmpty();
            // An atomic upgrade that fails writes one more revision (the rollback): its record is intended too.
            List<ResourceRef> intended = union(refs.refs(rendered),
                    List.of(ReleaseRecord.secret(target.release(), target.namespace(), revision)),
                    target.atomic() && current.isPresent()
                            ? List.of(ReleaseRecord.secret(target.release(), target.namespace(), revision + 1)) : List.of(),
                    createNamespace ? List.of(namespace) : List.of());
            applier.intend(intended, partId, HelmMarks.of(target.release(), target.namespace()));
            Release release;
            try {
                release = current.isEmpty()
                        ? helm.install(chart, target.release(), target.namespace(), values, kubeconfig,
                                new HelmCalls.Options(createNamespace, options.disableOpenApiValidation(), options.atomic(),
                                        options.timeoutSeconds()), false)
                        : helm.upgrade(chart, target.release(), target.namespace(), values, kubeconfig, options);
            } catch (HelmCalls.HelmException e) {
                // Whatever Helm made before it failed (crds/, a failed revision's objects) is recorded, so undeploy finds it.
                List<ResourceRef> made = union(intended, recordedObjects(target, kubeconfig, applier, partId, refs));
                recordUnforeseen(made, intended, partId, target, applier);
                applier.confirm(made, partId);
                return failed(Preflight.explain(current.isEmpty() ? "install" : "upgrade", chart.source(),
                        target.release(), e.getMessage(), cel));
            }
            int installed = Integer.parseInt(release.getRevision());
            ReleaseRecord record = readRecord(target, installed, applier, partId)
                    .orElseThrow(() -> new IllegalStateException("Helm reported revision " + installed + " of release "
                            + target.release() + " but its record is missing"));
            List<ResourceRef> created = union(intended, refs.refs(record.objects()),
                    List.of(ReleaseRecord.secret(target.release(), target.namespace(), installed)));
            recordUnforeseen(created, intended, partId, target, applier);
            awaitServed(rendered, applier, target.timeoutSeconds());
            List<InventoryEntry> confirmed = applier.confirm(created, partId);
            if (!"deployed".equals(record.status())) {
                return failed("release " + target.release() + " of chart " + chart.source() + " ended " + record.status()
                        + (target.atomic() ? " (rolled back to the previous revision)" : ""));
            }
            return new PartOutcome.Applied(refsOf(confirmed), Map.of("release", target.release(), "revision", String.valueOf(installed)));
        } catch (HelmCalls.HelmException e) {
            return failed(Preflight.explain("install", chart.source(), target.release(), e.getMessage(), cel));
        }
    }

    /**
     * Records what Helm's release record names but the client-side render did not predict (names drawn at render
     * time, hooks of OCI charts, templates that depend on the server's API versions): Helm made it during this call,
     * so it is this part's own when it carries Helm's marks and no label, and is deleted on undeploy instead of being
     * kept as pre-existing.
     */
    private static void recordUnforeseen(List<ResourceRef> made, List<ResourceRef> intended, String partId,
            HelmPart target, ClusterApplier applier) {
        List<ResourceRef> unforeseen = made.stream().filter(r -> !intended.contains(r)).toList();
        if (!unforeseen.isEmpty()) {
            applier.recordMade(unforeseen, partId, HelmMarks.of(target.release(), target.namespace()));
        }
    }

    @Override
    public PartOutcome undeploy(DeploymentPart part, List<InventoryEntry> inventory, ClusterApplier applier) {
        HelmPart target;
        try {
            target = HelmPart.of(part, registry);
        } catch (IllegalArgumentException | ChartException e) {
            return new PartOutcome.Failed(e.getMessage(), null);
        }
        String kubeconfig = kubeconfigs.of(applier);
        List<InventoryEntry> entries = new ArrayList<>(inventory);
        try {
            Optional<ReleaseRecord> current = currentRecord(target, kubeconfig, applier, part.id());
            List<ResourceRef> deleteHooks = current.map(r -> new ObjectRefs(target.namespace(), List.of())
                    .refs(r.hookObjects(DELETE_EVENTS))).orElse(List.of());
            if (!deleteHooks.isEmpty()) {
                applier.intend(deleteHooks, part.id(), HelmMarks.of(target.release(), target.namespace()));
            }
            helm.uninstall(target.release(), target.namespace(), kubeconfig);
            if (!deleteHooks.isEmpty()) {
                entries.addAll(applier.confirm(deleteHooks, part.id()));
            }
        } catch (HelmCalls.HelmException e) {
            return failed("helm uninstall of release " + target.release() + " failed: " + e.getMessage());
        }
        // What Helm leaves: hooks, kept objects. CRDs and the namespace are the engine's, under its CRD rule.
        Set<ResourceRef> seen = new LinkedHashSet<>();
        List<InventoryEntry> leftovers = entries.stream()
                .filter(e -> part.id().equals(e.partId()) && !e.preExisting() && seen.add(e.ref()))
                .filter(e -> !isCrd(e.ref()) && !e.ref().gvk().equals(NAMESPACE))
                .toList();
        List<ResourceRef> deleted = new ArrayList<>();
        for (DeleteOutcome outcome : applier.deleteAll(leftovers, Duration.ofSeconds(target.timeoutSeconds()), 8)) {
            switch (outcome) {
                case DeleteOutcome.Deleted d -> deleted.add(d.ref());
                case DeleteOutcome.AlreadyGone g -> { }
                case DeleteOutcome.Kept k -> { }
                case DeleteOutcome.BlockedByFinalizers b -> {
                    return new PartOutcome.Failed(b.ref() + " is held by finalizers " + b.finalizers(), b.ref());
                }
                case DeleteOutcome.Failed f -> {
                    return new PartOutcome.Failed(f.ref() + ": " + f.message(), f.ref());
                }
            }
        }
        return new PartOutcome.Applied(deleted);
    }

    /**
     * The release's latest record, after recovering one stuck in {@code pending-*} (a crash while Helm worked):
     * a pending install is uninstalled, a pending upgrade or rollback record is deleted so the revision before it
     * is current again. Either way the next deploy goes on from a settled release, never a locked one.
     */
    private Optional<ReleaseRecord> currentRecord(HelmPart target, String kubeconfig, ClusterApplier applier, String partId) {
        Optional<Release> status = helm.status(target.release(), target.namespace(), kubeconfig);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Optional<ReleaseRecord> record = readRecord(target, Integer.parseInt(status.get().getRevision()), applier, partId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String state = record.get().status();
        if ("pending-install".equals(state) || ("failed".equals(state) && record.get().revision() == 1)) {
            helm.uninstall(target.release(), target.namespace(), kubeconfig);
            return Optional.empty();
        }
        if ("pending-upgrade".equals(state) || "pending-rollback".equals(state)) {
            ResourceRef pending = ReleaseRecord.secret(target.release(), target.namespace(), record.get().revision());
            applier.intend(List.of(pending), partId, HelmMarks.of(target.release(), target.namespace()));
            for (InventoryEntry entry : applier.confirm(List.of(pending), partId)) {
                DeleteOutcome outcome = applier.delete(entry, Duration.ofSeconds(target.timeoutSeconds()));
                if (!(outcome instanceof DeleteOutcome.Deleted) && !(outcome instanceof DeleteOutcome.AlreadyGone)) {
                    throw new HelmCalls.HelmException("release " + target.release() + " is stuck in " + state
                            + " and its record " + pending + " could not be removed (" + outcome + "); delete that Secret"
                            + " and deploy again", null);
                }
            }
            return currentRecord(target, kubeconfig, applier, partId);
        }
        return record;
    }

    private Optional<ReleaseRecord> readRecord(HelmPart target, int revision, ClusterApplier applier, String partId) {
        return applier.view().get(ReleaseRecord.secret(target.release(), target.namespace(), revision)).flatMap(ReleaseRecord::decode);
    }

    /** The objects of the release's latest record, if Helm got as far as writing one. */
    private List<ResourceRef> recordedObjects(HelmPart target, String kubeconfig, ClusterApplier applier, String partId,
            ObjectRefs refs) {
        try {
            Optional<Release> status = helm.status(target.release(), target.namespace(), kubeconfig);
            if (status.isEmpty()) {
                return List.of();
            }
            int revision = Integer.parseInt(status.get().getRevision());
            return union(readRecord(target, revision, applier, partId).map(r -> refs.refs(r.objects())).orElse(List.of()),
                    List.of(ReleaseRecord.secret(target.release(), target.namespace(), revision)));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Waits until the kinds the chart's CRDs define are served. Helm waited for the CRDs to be established, but the
     * applier's discovery may have recorded a miss for those kinds moments ago (at intent, before the CRDs
     * existed) and would answer "not served" for a while, so that confirm would drop the custom resources. The
     * view's {@code awaitServed} re-reads discovery for these kinds instead of waiting out that guard.
     */
    private static void awaitServed(List<Map<String, Object>> rendered, ClusterApplier applier, int timeoutSeconds) {
        List<Gvk> kinds = new ArrayList<>();
        for (Map<String, Object> object : rendered) {
            if (ObjectRefs.isCrd(object) && Yaml.at(object, "spec", "versions") instanceof List<?> versions) {
                for (Object version : versions) {
                    if (version instanceof Map<?, ?> v && !Boolean.FALSE.equals(v.get("served"))) {
                        kinds.add(new Gvk(Yaml.string(object, "spec", "group"), String.valueOf(v.get("name")),
                                Yaml.string(object, "spec", "names", "kind")));
                    }
                }
            }
        }
        if (!kinds.isEmpty()) {
            applier.view().awaitServed(kinds, Duration.ofSeconds(Math.min(timeoutSeconds, 30)));
        }
    }

    /** Deployed with the same chart version and values: nothing to do. */
    private static boolean isSettled(ReleaseRecord record, ResolvedChart chart, HelmPart target) {
        if (!"deployed".equals(record.status())) {
            return false;
        }
        String version = chartVersion(chart.local());
        return version != null && version.equals(record.chartVersion()) && sameJson(record.config(), target.values());
    }

    private static String chartVersion(Path chart) {
        return Yaml.string(Yaml.map(ChartFiles.read(chart).text("Chart.yaml"), chart + "/Chart.yaml"), "version");
    }

    /** A server-side dry run finds a kubeVersion the server fails and CEL rules it rejects, before anything is written. */
    private boolean needsDryRun(ResolvedChart chart, List<String> cel, HelmPart target) {
        if (!cel.isEmpty() && !target.disableOpenApiValidation()) {
            return true;
        }
        // Only for a kubeVersion: a dry run for every chart would fail on any chart whose templates use the kinds of
        // its own crds/ (they do not exist yet during a dry run).
        String chartYaml = ChartFiles.read(chart.local()).text("Chart.yaml");
        return Yaml.string(Yaml.map(chartYaml, chart.source() + " Chart.yaml"), "kubeVersion") != null;
    }

    private static boolean sameJson(Object a, Object b) {
        try {
            return JSON.readTree(JSON.writeValueAsString(a == null ? Map.of() : a))
                    .equals(JSON.readTree(JSON.writeValueAsString(b == null ? Map.of() : b)));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isCrd(ResourceRef ref) {
        return "CustomResourceDefinition".equals(ref.gvk().kind()) && "apiextensions.k8s.io".equals(ref.gvk().group());
    }

    @SafeVarargs
    private static List<ResourceRef> union(List<ResourceRef>... lists) {
        Set<ResourceRef> all = new LinkedHashSet<>();
        for (List<ResourceRef> list : lists) {
            all.addAll(list);
        }
        return new ArrayList<>(all);
    }

    private static List<ResourceRef> refsOf(List<InventoryEntry> entries) {
        return entries.stream().map(InventoryEntry::ref).toList();
    }

    private static PartOutcome failed(String message) {
        return new PartOutcome.Failed(message, null);
    }

    /** Values go to Helm as a file (JSON is YAML), written for one call and removed after it. */
    private static <T> T withValues(HelmPart target, java.util.function.Function<Path, T> work) {
        Path file = null;
        try {
            file = Files.createTempFile("meshwright-helm-values", ".json");
            JSON.writeValue(file.toFile(), target.values());
            return work.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the values of release " + target.release(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans its temp folder
                }
            }
        }
    }
}

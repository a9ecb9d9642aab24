package io.meshwright.engine.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwright.spi.model.Gvk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of kinds, as data ({@code design/kind-order.yaml}): an ordered list of {@link Stage stages}, each with
 * the kinds it holds and a one-line reason. A kind's rank is its stage's index; kinds no stage names fall into the
 * default stage (custom resources). Undeploy ranks are the deploy ranks reversed, so that undeploying walks the
 * plan backwards: webhooks first (so they cannot block deletes), then routes and policy, custom resources (while
 * the operators that clear their finalizers still run), workloads, services, storage, config, roles, and CRDs and
 * namespaces last.
 */
public final class KindOrder {

    private static final String RESOURCE = "/design/kind-order.yaml";

    /**
     * One stage of the order.
     *
     * @param name      short name, e.g. {@code workloads}
     * @param why       why it stands where it does
     * @param kinds     {@code Kind}, {@code Kind.group} or {@code *.group}
     * @param isDefault whether kinds that no stage names fall here
     */
    public record Stage(String name, String why, List<String> kinds, boolean isDefault) {
        public Stage {
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
        }
    }

    /**
     * One phase of undeploy: the deploy stages (by name) and kinds it removes.
     *
     * @param name   short name, e.g. {@code crds}
     * @param why    why it stands where it does
     * @param stages names of deploy stages whose kinds it removes
     * @param kinds  kinds it removes, which win over their stage
     */
    public record UndeployPhase(String name, String why, List<String> stages, List<String> kinds) {
        public UndeployPhase {
            stages = stages == null ? List.of() : List.copyOf(stages);
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
        }
    }

    private final List<Stage> stages;
    private final List<UndeployPhase> undeployPhases;
    private final Map<String, Integer> undeployByKind = new HashMap<>();
    private final Map<Integer, Integer> undeployByStage = new HashMap<>();
    private final Map<String, Integer> byGroupKind = new HashMap<>();
    private final Map<String, Integer> byGroup = new HashMap<>();
    private final int defaultRank;

    /** An order whose undeploy simply walks the stages backwards. */
    public KindOrder(List<Stage> stages) {
        this(stages, List.of());
    }

    public KindOrder(List<Stage> stages, List<UndeployPhase> undeployPhases) {
        this.stages = List.copyOf(stages);
        this.undeployPhases = List.copyOf(undeployPhases);
        int fallback = -1;
        for (int rank = 0; rank < stages.size(); rank++) {
            Stage stage = stages.get(rank);
            if (stage.isDefault()) {
                fallback = rank;
            }
            for (String kind : stage.kinds()) {
                if (kind.startsWith("*.")) {
                    byGroup.putIfAbsent(kind.substring(2), rank);
                } else {
                    byGroupKind.putIfAbsent(kind, rank);
                }
            }
        }
        this.defaultRank = fallback < 0 ? stages.size() - 1 : fallback;
        for (int phase = 0; phase < undeployPhases.size(); phase++) {
            for (String kind : undeployPhases.get(phase).kinds()) {
                undeployByKind.putIfAbsent(kind, phase);
            }
            for (String stageName : undeployPhases.get(phase).stages()) {
                for (int rank = 0; rank < stages.size(); rank++) {
                    if (stages.get(rank).name().equals(stageName)) {
                        undeployByStage.putIfAbsent(rank, phase);
                    }
                }
            }
        }
    }

    /** The order shipped with the engine. */
    public static KindOrder defaults() {
        try (InputStream in = KindOrder.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the engine jar");
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            Map<?, ?> file = yaml.readValue(in, Map.class);
            List<?> entries = (List<?>) file.get("stages");
            List<Stage> stages = entries.stream().map(e -> {
                Map<?, ?> entry = (Map<?, ?>) e;
                @SuppressWarnings("unchecked")
                List<String> kinds = (List<String>) entry.get("kinds");
                return new Stage((String) entry.get("name"), (String) entry.get("why"), kinds,
                        Boolean.TRUE.equals(entry.get("default")));
            }).toList();
            List<?> phases = file.get("undeploy") instanceof List<?> list ? list : List.of();
            List<UndeployPhase> undeploy = phases.stream().map(e -> {
                Map<?, ?> entry = (Map<?, ?>) e;
                @SuppressWarnings("unchecked")
                List<String> stageNames = (List<String>) entry.get("stages");
                @SuppressWarnings("unchecked")
                List<String> kinds = (List<String>) entry.get("kinds");
                return new UndeployPhase((String) entry.get("name"), (String) entry.get("why"), stageNames, kinds);
            }).toList();
            return new KindOrder(stages, undeploy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<Stage> stages() {
        return stages;
    }

    /** The kind's deploy rank: lower deploys earlier. */
    public int deployRank(Gvk gvk) {
        Integer rank = byGroupKind.get(gvk.groupKind());
        if (rank == null) {
            rank = byGroup.get(gvk.group());
        }
        return rank == null ? defaultRank : rank;
    }

    /**
     * The kind's undeploy rank: lower is removed earlier. Usable on inventory entries that are not in any plan.
     */
    public int undeployRank(Gvk gvk) {
        Integer phase = undeployByKind.get(gvk.groupKind());
        if (phase == null) {
            phase = undeployByStage.get(deployRank(gvk));
        }
        // Without phases (or for a stage no phase names), walk the stages backwards after the named phases.
        return phase != null ? phase : undeployPhases.size() + stages.size() - 1 - deployRank(gvk);
    }

    public List<UndeployPhase> undeployPhases() {
        return undeployPhases;
    }

    /** The stage a kind deploys in. */
    public Stage stageOf(Gvk gvk) {
        return stages.get(deployRank(gvk));
    }
}

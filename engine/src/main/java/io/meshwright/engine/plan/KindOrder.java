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

    private final List<Stage> stages;
    private final Map<String, Integer> byGroupKind = new HashMap<>();
    private final Map<String, Integer> byGroup = new HashMap<>();
    private final int defaultRank;

    public KindOrder(List<Stage> stages) {
        this.stages = List.copyOf(stages);
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
            return new KindOrder(stages);
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
        return stages.size() - 1 - deployRank(gvk);
    }

    /** The stage a kind deploys in. */
    public Stage stageOf(Gvk gvk) {
        return stages.get(deployRank(gvk));
    }
}

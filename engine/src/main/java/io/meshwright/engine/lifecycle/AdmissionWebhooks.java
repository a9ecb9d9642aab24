package io.meshwright.engine.lifecycle;

import io.meshwright.spi.extension.ClusterView;
import io.meshwright.spi.model.Gvk;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether an admission webhook of the cluster may judge (refuse, or mutate into something refused) writes of core
 * ConfigMaps or Secrets: if one may, those objects cannot be known valid without asking the server. Read once per
 * preflight with two lists; a cluster whose webhook configurations cannot be read counts as having such a webhook.
 */
final class AdmissionWebhooks {

    private static final List<Gvk> CONFIGURATIONS = List.of(
            new Gvk("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration"),
            new Gvk("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration"));
    private static final Set<String> WRITES = Set.of("CREATE", "UPDATE", "*");

    private AdmissionWebhooks() {}

    /** Whether some webhook's rules match creating or updating a core {@code configmaps} or {@code secrets}. */
    static boolean mayJudgeConfigObjects(ClusterView cluster) {
        try {
            for (Gvk configuration : CONFIGURATIONS) {
                if (!cluster.serves(configuration)) {
                    return true; // webhooks only at an older version: not read here, so assumed
                }
                for (Map<String, Object> item : cluster.list(configuration, null, null)) {
                    for (Object webhook : listOf(item.get("webhooks"))) {
                        if (webhook instanceof Map<?, ?> hook && listOf(hook.get("rules")).stream().anyMatch(AdmissionWebhooks::matches)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (RuntimeException e) {
            return true; // unknown: the dry run decides, as without this shortcut
        }
    }

    private static boolean matches(Object rule) {
        if (!(rule instanceof Map<?, ?> r)) {
            return true;
        }
        List<?> groups = listOf(r.get("apiGroups"));
        List<?> resources = listOf(r.get("resources"));
        List<?> operations = listOf(r.get("operations"));
        return (groups.contains("") || groups.contains("*"))
                && resources.stream().map(String::valueOf).anyMatch(res -> res.startsWith("*")
                        || res.startsWith("configmaps") || res.startsWith("secrets"))
                && operations.stream().map(String::valueOf).anyMatch(WRITES::contains);
    }

    private static List<?> listOf(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}

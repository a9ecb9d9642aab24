package io.meshwright.plugins.helm.deploy;

import io.meshwright.plugins.helm.chart.Yaml;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.model.Gvk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, before anything is installed, what would make a chart fail on this cluster in ways a user cannot read:
 * kinds the server does not serve, and CRDs with CEL rules ({@code x-kubernetes-validations}), which Helm's
 * client-side validation rejects on servers older than 1.25. (A {@code kubeVersion} the server fails is found by a
 * server-side dry run, see {@link HelmDeployer}.) Also turns Helm's own errors into sentences that say what to do.
 */
final class Preflight {

    private Preflight() {}

    /** Kinds the chart renders that the cluster does not serve and no CRD of the chart defines. */
    static Optional<String> unservedKinds(String chart, List<Map<String, Object>> rendered, ClusterApplier applier) {
        Set<String> definedByChart = new HashSet<>();
        for (Map<String, Object> object : rendered) {
            if (ObjectRefs.isCrd(object)) {
                definedByChart.add(Yaml.string(object, "spec", "group") + "/" + Yaml.string(object, "spec", "names", "kind"));
            }
        }
        Set<String> missing = new java.util.TreeSet<>();
        for (Map<String, Object> object : rendered) {
            Gvk gvk = Gvk.of(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")));
            if (!definedByChart.contains(gvk.group() + "/" + gvk.kind()) && !applier.view().serves(gvk)) {
                missing.add(gvk.toString());
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("chart " + chart + " renders " + String.join(", ", missing)
                + ", which the cluster does not serve; nothing was installed. Use a chart version written for this"
                + " cluster's Kubernetes version, values that select an API version it serves, or a newer cluster");
    }

    /** The names of CRDs whose schemas carry CEL rules. */
    static List<String> celCrds(List<Map<String, Object>> rendered) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> object : rendered) {
            if (ObjectRefs.isCrd(object) && containsKey(object.get("spec"), "x-kubernetes-validations")) {
                names.add(Yaml.string(object, "metadata", "name"));
            }
        }
        return names;
    }

    private static boolean containsKey(Object tree, String key) {
        if (tree instanceof Map<?, ?> map) {
            return map.containsKey(key) || map.values().stream().anyMatch(v -> containsKey(v, key));
        }
        return tree instanceof List<?> list && list.stream().anyMatch(v -> containsKey(v, key));
    }

    /** Helm's error message, with what to do about it where the cause is known. */
    static String explain(String action, String chart, String release, String helmMessage, List<String> celCrds) {
        String message = helmMessage == null ? "unknown error" : helmMessage;
        if (message.contains("kubeVersion") && message.contains("incompatible")) {
            return "chart " + chart + " cannot be installed on this cluster: " + message.strip() + " (kubeVersion in its"
                    + " Chart.yaml); nothing was installed. Use a chart version that supports this Kubernetes version,"
                    + " or a newer cluster";
        }
        if (message.contains("x-kubernetes-validations")) {
            return "chart " + chart + ": CRD(s) " + (celCrds.isEmpty() ? "in the chart" : String.join(", ", celCrds))
                    + " carry CEL validation rules (x-kubernetes-validations), which API servers older than 1.25 do not"
                    + " know, so Helm's validation refuses them; nothing was installed. Set the source option"
                    + " disableOpenApiValidation=true to install them anyway (this server will not enforce the rules),"
                    + " or use Kubernetes 1.25 or newer";
        }
        if (message.contains("values don't meet the specifications of the schema")) {
            return "the values of release " + release + " do not match chart " + chart + "'s values.schema.json: "
                    + message.strip();
        }
        return action + " of chart " + chart + " as release " + release + " failed: " + message.strip();
    }
}

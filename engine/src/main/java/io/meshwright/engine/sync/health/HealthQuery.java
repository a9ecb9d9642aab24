package io.meshwright.engine.sync.health;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One PromQL query judging objects of one kind.
 *
 * @param kind           the kind it judges ({@code Pod}, {@code Deployment}, …)
 * @param name           a short name for reasons and errors ({@code restarts})
 * @param promql         the query, run over the whole cluster
 * @param namespaceLabel the sample label holding the object's namespace; {@code null} for cluster-scoped kinds
 * @param nameLabel      the sample label holding the object's name (or its pod's, with {@code namePattern})
 * @param namePattern    a regular expression the name label must match, {@code {{name}}} standing for the
 *                       object's name; {@code null} for the name itself
 * @param above          a sample above this makes the object unhealthy
 * @param reason         what an unhealthy verdict says, {@code {{value}}} standing for the sample
 */
public record HealthQuery(String kind, String name, String promql, String namespaceLabel, String nameLabel,
        String namePattern, double above, String reason) {

    public HealthQuery {
        Objects.requireNonNull(kind, "a query needs kind");
        Objects.requireNonNull(name, "a query needs name");
        Objects.requireNonNull(promql, "a query needs promql");
        Objects.requireNonNull(nameLabel, "a query needs nameLabel");
        reason = reason == null || reason.isBlank() ? name + " is {{value}}" : reason;
    }

    /** Whether a sample with {@code labels} is about the object {@code namespace/objectName}. */
    public boolean matches(Map<String, String> labels, String namespace, String objectName) {
        if (namespaceLabel != null && !Objects.equals(labels.get(namespaceLabel), namespace)) {
            return false;
        }
        String value = labels.get(nameLabel);
        return value != null && nameMatcher(objectName).test(value);
    }

    /**
     * Whether a name label is about {@code objectName}, compiled once: a caller judging one object against many
     * samples compiles {@link #namePattern} once, not once per sample.
     */
    public Predicate<String> nameMatcher(String objectName) {
        if (namePattern == null) {
            return objectName::equals;
        }
        Pattern pattern = Pattern.compile(namePattern.replace("{{name}}", Pattern.quote(objectName)));
        return value -> pattern.matcher(value).matches();
    }

    /** The unhealthy verdict's sentence for {@code value}. */
    public String reasonFor(double value) {
        String shown = value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value)
                : String.format(java.util.Locale.ROOT, "%.3g", value);
        return name + ": " + reason.replace("{{value}}", shown);
    }
}

package io.meshwright.engine.sync.drift;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A deployment's drift: each object its deployed design declares, compared with the live one.
 *
 * @param deploymentId the deployment
 * @param version      the design version deployed
 * @param checkedAt    when
 * @param objects      one entry per declared object, and per recorded object of a part a plugin renders from its
 *                     source (presence only); parts whose tool makes its own objects (Helm) are not compared:
 *                     {@code skipped} names them
 * @param skipped      parts not compared, each with why
 */
public record DriftReport(String deploymentId, String version, Instant checkedAt, List<ObjectDrift> objects,
        List<String> skipped) {

    public DriftReport {
        objects = List.copyOf(objects);
        skipped = List.copyOf(skipped);
    }

    /** The objects that drifted. */
    public List<ObjectDrift> drifted() {
        return objects.stream().filter(ObjectDrift::drifted).toList();
    }

    /** One line for the deployment's cause: how many objects drifted and which fields, for people. */
    public String summary() {
        List<ObjectDrift> drifted = drifted();
        if (drifted.isEmpty()) {
            return "no drift: " + objects.size() + " object(s) as deployed";
        }
        return drifted.size() + " object(s) changed outside Meshwright: " + drifted.stream()
                .map(o -> o.ref() + (o.verdict() == ObjectDrift.Verdict.MISSING ? " (deleted)"
                        : " (" + o.fields().stream().map(FieldDrift::path).collect(Collectors.joining(", ")) + ")"))
                .collect(Collectors.joining("; "));
    }
}

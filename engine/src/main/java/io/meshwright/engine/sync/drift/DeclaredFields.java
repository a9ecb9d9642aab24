package io.meshwright.engine.sync.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares the fields a design declares for an object, and only those: the value the server would store for
 * each (a dry run of the declaration) against the live one. Fields the design leaves out (server defaults,
 * status, what other controllers own) are never compared, so they never count as drift; values are compared as
 * the server normalises them ({@code 0.5} CPU is {@code 500m} on both sides).
 *
 * <p>Lists of objects are matched by their merge key ({@code name}, else a port or a mount path), as
 * server-side apply does; a list of plain values is compared whole.
 */
public final class DeclaredFields {

    /** Identity and bookkeeping the server owns: never compared. */
    private static final Set<String> ROOT_SKIPPED = Set.of("apiVersion", "kind", "status");
    private static final Set<String> METADATA_SKIPPED = Set.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "managedFields", "selfLink");
    private static final List<String> MERGE_KEYS = List.of("name", "containerPort", "port", "mountPath", "devicePath",
            "ip", "type");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private DeclaredFields() {}

    /** Every declared field whose value in {@code wouldBe} (the dry run) differs from {@code live}. */
    public static List<FieldDrift> compare(Map<String, Object> declared, Map<String, Object> wouldBe,
            Map<String, Object> live) {
        List<FieldDrift> drift = new ArrayList<>();
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            String key = entry.getKey();
            if (ROOT_SKIPPED.contains(key)) {
                continue;
            }
            if (key.equals("metadata") && entry.getValue() instanceof Map<?, ?> metadata) {
                for (Map.Entry<?, ?> field : metadata.entrySet()) {
                    String name = String.valueOf(field.getKey());
                    if (!METADATA_SKIPPED.contains(name)) {
                        walk(path("metadata", name), field.getValue(), child(wouldBe.get("metadata"), name),
                                child(live.get("metadata"), name), drift);
                    }
                }
                continue;
            }
            walk(path("", key), entry.getValue(), wouldBe.get(key), live.get(key), drift);
        }
        return drift;
    }

    private static void walk(String path, Object declared, Object wouldBe, Object live, List<FieldDrift> drift) {
        if (declared instanceof Map<?, ?> fields && wouldBe instanceof Map<?, ?>) {
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                String key = String.valueOf(field.getKey());
                walk(path(path, key), field.getValue(), child(wouldBe, key), child(live, key), drift);
            }
            return;
        }
        if (declared instanceof List<?> items && wouldBe instanceof List<?> wouldItems && live instanceof List<?> liveItems) {
            Optional<String> mergeKey = mergeKey(items);
            if (mergeKey.isPresent()) {
                for (Object item : items) {
                    Object id = ((Map<?, ?>) item).get(mergeKey.get());
                    String itemPath = path + "[" + id + "]";
                    Object wouldItem = find(wouldItems, mergeKey.get(), id);
                    Object liveItem = find(liveItems, mergeKey.get(), id);
                    if (liveItem == null) {
                        if (wouldItem != null) {
                            drift.add(new FieldDrift(itemPath, wouldItem, null));
                        }
                    } else {
                        walk(itemPath, item, wouldItem, liveItem, drift);
                    }
                }
                return;
            }
        }
        if (!Objects.equals(wouldBe, live)) {
            drift.add(new FieldDrift(path, wouldBe, live));
        }
    }

    /** The first merge key every item of a list of objects has; empty for a list of plain values. */
    private static Optional<String> mergeKey(List<?> items) {
        if (items.isEmpty() || !items.stream().allMatch(Map.class::isInstance)) {
            return Optional.empty();
        }
        return MERGE_KEYS.stream()
                .filter(key -> items.stream().allMatch(item -> ((Map<?, ?>) item).get(key) != null))
                .findFirst();
    }

    private static Object find(List<?> items, String key, Object id) {
        return items.stream()
                .filter(item -> item instanceof Map<?, ?> map && Objects.equals(String.valueOf(map.get(key)), String.valueOf(id)))
                .findFirst().orElse(null);
    }

    private static Object child(Object node, String key) {
        return node instanceof Map<?, ?> map ? map.get(key) : null;
    }

    private static String path(String parent, String key) {
        String segment = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key + "\"]";
        if (parent.isEmpty()) {
            return segment;
        }
        return segment.startsWith("[") ? parent + segment : parent + "." + segment;
    }
}

package io.meshwright.spi.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a tool (Helm, say) leaves on every object it creates, so that after a crash between
 * {@code ClusterApplier.intend} and {@code confirm} the engine can tell the tool's object from one someone else
 * created under the same name meanwhile. An intended object that exists unlabelled is taken only when it carries
 * one of these marks; otherwise it is forgotten, never taken (undeploy would delete a stranger's object).
 *
 * <p>A mark should be one nobody else writes by accident: the tool's field manager (the {@code manager} of an entry
 * in the object's {@code metadata.managedFields}; a client-side create records the client's user agent name
 * there, Helm's is {@code helm}), or annotations naming this very install (Helm's
 * {@code meta.helm.sh/release-name} and {@code meta.helm.sh/release-namespace}). Added in SPI 1.3.
 *
 * @param fieldManagers managers any one of which in {@code metadata.managedFields} marks the object as the tool's
 * @param annotations   annotations which, all present with these values, mark the object as the tool's; empty
 *                      means annotations mark nothing
 */
public record ToolMarks(List<String> fieldManagers, Map<String, String> annotations) {

    public ToolMarks {
        fieldManagers = List.copyOf(Objects.requireNonNull(fieldManagers, "fieldManagers"));
        annotations = Map.copyOf(Objects.requireNonNull(annotations, "annotations"));
    }

    /** No marks: every unlabelled object under an intended name is someone else's, as for a plain intend. */
    public static ToolMarks none() {
        return new ToolMarks(List.of(), Map.of());
    }

    /** Whether nothing would mark an object as the tool's. */
    public boolean isEmpty() {
        return fieldManagers.isEmpty() && annotations.isEmpty();
    }

    /**
     * Whether {@code managers} (the object's {@code managedFields} managers) and {@code objectAnnotations} carry
     * one of these marks. An object carrying one of the mark annotations with a different value is never marked,
     * whatever its managers: the tool's manager name is shared by all its installs, so such an object belongs to
     * another install of the same tool (another Helm release, say).
     */
    public boolean marks(List<String> managers, Map<String, String> objectAnnotations) {
        boolean another = annotations.entrySet().stream()
                .anyMatch(e -> objectAnnotations.containsKey(e.getKey())
                        && !e.getValue().equals(objectAnnotations.get(e.getKey())));
        if (another) {
            return false;
        }
        if (managers.stream().anyMatch(fieldManagers::contains)) {
            return true;
        }
        return !annotations.isEmpty() && annotations.entrySet().stream()
                .allMatch(e -> e.getValue().equals(objectAnnotations.get(e.getKey())));
    }
}

package io.meshwright.engine.plan;

import io.meshwright.spi.deploy.ResourceRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cycle of dependencies that no order can satisfy: each component waits for the next, and the last for the
 * first.
 *
 * @param componentIds the components on the cycle, each waiting for the next; the first is not repeated
 * @param refs         their objects, in the same order
 */
public record CycleProblem(List<String> componentIds, List<ResourceRef> refs) {

    public CycleProblem {
        componentIds = List.copyOf(componentIds);
        refs = List.copyOf(refs);
    }

    /** {@code [a] -> [b] -> [a]}, each waiting for the next. */
    public String path() {
        return refs.stream().map(r -> "[" + r + "]").collect(Collectors.joining(" -> ")) + " -> [" + refs.get(0) + "]";
    }

    public String message() {
        return "cycle of dependencies (each waits for the next): " + path();
    }
}

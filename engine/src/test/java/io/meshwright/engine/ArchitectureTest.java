package io.meshwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The direction imports go between the engine's packages, read from the main sources (imports and fully qualified
 * names, Javadoc links included): no package cycle; the composition root (package {@code io.meshwright.engine}) is
 * used by the CLI's {@code serve} alone; the bottom packages depend on no other engine package.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/io/meshwright/engine");
    private static final String ROOT = "(root)";
    // An import or a fully qualified use: io.meshwright.engine.PACKAGE.Type, or io.meshwright.engine.Type (the root).
    private static final Pattern REFERENCE = Pattern.compile("io\\.meshwright\\.engine\\.((?:[a-z][a-z0-9]*\\.)*)[A-Z]");

    @Test
    void enginePackagesFormNoCycle() {
        Map<String, Set<String>> graph = graph();
        List<String> cycle = cycle(graph);
        assertThat(cycle).as("package cycle in %s", graph).isEmpty();
    }

    @Test
    void onlyTheCommandLineStartsTheEngine() {
        // The CLI's serve starts an engine; every other package is built by the composition root, not the reverse.
        graph().forEach((from, to) -> assertThat(from.equals(ROOT) || from.equals("cli") || !to.contains(ROOT))
                .as("%s uses the composition root (io.meshwright.engine)", from).isTrue());
    }

    @Test
    void bottomPackagesImportNoOtherEnginePackage() {
        Map<String, Set<String>> graph = graph();
        for (String bottom : List.of("cluster", "store", "events")) {
            assertThat(graph.getOrDefault(bottom, Set.of())).as("engine packages %s imports", bottom).isEmpty();
        }
    }

    @Test
    void onlyTheCompositionRootAndTheTransportsImportTheSync() {
        // The sync is the last step of the one-way flow (design → … → inventory → sync state): nothing below reads it.
        // The sync agent's package is the agent process's composition root, as the root package is the engine's.
        Set<String> allowed = Set.of(ROOT, "agent", "api", "api.grpc", "actions", "cli", "sync");
        // Its own parts (sync.health, sync.drift) are the sync.
        graph().forEach((from, to) -> assertThat(allowed.contains(from) || from.startsWith("sync.") || !to.contains("sync"))
                .as("%s imports the sync", from).isTrue());
    }

    @Test
    void theApiDoesNotImportItsGrpcTransport() {
        assertThat(graph().get("api")).doesNotContain("api.grpc");
    }

    /** Package → the other engine packages its sources reference. */
    static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path folder = SOURCES.relativize(file.getParent());
                String from = folder.toString().isEmpty() ? ROOT : folder.toString().replace(file.getFileSystem().getSeparator(), ".");
                Set<String> to = graph.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String referenced = matcher.group(1).isEmpty() ? ROOT : matcher.group(1).substring(0, matcher.group(1).length() - 1);
                    if (!referenced.equals(from)) {
                        to.add(referenced);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** A cycle as the packages along it, or empty when the graph has none (depth-first search). */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            List<String> found = visit(start, graph, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
        if (path.contains(node)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }

    @Test
    void theCycleSearchFindsACycle() {
        // Map.of iterates in no fixed order: the cycle may start at any of its packages.
        List<String> found = cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
        assertThat(found).hasSize(4).containsOnly("a", "b", "c");
        assertThat(found.getFirst()).isEqualTo(found.getLast());
        assertThat(cycle(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }
}

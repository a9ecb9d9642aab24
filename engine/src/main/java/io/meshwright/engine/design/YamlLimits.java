package io.meshwright.engine.design;

/**
 * Bounds on what the parser accepts, so that a hostile or broken file cannot exhaust memory: the input size,
 * the nesting depth, and the number of nodes that YAML aliases may add when they are expanded (the
 * "billion laughs" attack multiplies a few aliases into billions of nodes).
 *
 * @param maxBytes          largest input accepted, in bytes (characters for text input)
 * @param maxDepth          deepest nesting of mappings and sequences
 * @param maxAliasExpansion most nodes that expanding aliases may add to one input
 * @param maxDocuments      most YAML documents in one input
 */
public record YamlLimits(long maxBytes, int maxDepth, long maxAliasExpansion, int maxDocuments) {

    /** 64 MiB, depth 200, 100,000 alias-added nodes, 100,000 documents. */
    public static YamlLimits defaults() {
        return new YamlLimits(64L * 1024 * 1024, 200, 100_000, 100_000);
    }
}

package io.meshwright.engine.registry;

/**
 * Limits applied while reading import input, so a hostile file cannot exhaust memory.
 *
 * @param maxFileBytes     largest single file (or archive entry) read, in bytes
 * @param maxExpandedBytes largest total size of everything unpacked from one import, in bytes (archive bombs)
 * @param maxEntries       most files unpacked from one import
 * @param maxYamlAliases   most YAML aliases ({@code *name}) in one file (alias bombs)
 * @param maxNodes         most JSON/YAML nodes in one document after alias expansion
 * @param maxNestingDepth  deepest nesting of arrays/objects in a document, and of archives inside archives
 */
public record ImportLimits(
        long maxFileBytes, long maxExpandedBytes, int maxEntries, int maxYamlAliases, int maxNodes, int maxNestingDepth) {

    /** 32 MiB per file, 512 MiB per import, 100,000 files, 50 aliases, 5,000,000 nodes, depth 200. */
    public static ImportLimits defaults() {
        return new ImportLimits(32L << 20, 512L << 20, 100_000, 50, 5_000_000, 200);
    }
}

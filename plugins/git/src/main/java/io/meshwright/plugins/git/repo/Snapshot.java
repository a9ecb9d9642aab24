package io.meshwright.plugins.git.repo;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The selected files of a repository folder at one commit.
 *
 * @param location where they come from
 * @param commit   the full commit SHA
 * @param files    path relative to the folder → content, in path order
 * @param blobs    path relative to the folder → the file's Git blob id (equal ids, equal content); may lack paths
 */
public record Snapshot(GitLocation location, String commit, SortedMap<String, byte[]> files, Map<String, String> blobs) {

    public Snapshot {
        files = new TreeMap<>(files);
        blobs = Map.copyOf(blobs);
    }

    /** A snapshot without blob ids. */
    public Snapshot(GitLocation location, String commit, SortedMap<String, byte[]> files) {
        this(location, commit, files, Map.of());
    }

    /** How a user finds {@code relative} in problem reports: {@code URL@sha7:folder/file}. */
    public String describe(String relative) {
        String full = location.path().isEmpty() ? relative : location.path() + "/" + relative;
        return location.safeUrl() + "@" + commit.substring(0, 7) + ":" + full;
    }

    public Map<String, byte[]> filesView() {
        return files;
    }
}

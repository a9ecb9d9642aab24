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
 */
public record Snapshot(GitLocation location, String commit, SortedMap<String, byte[]> files) {

    public Snapshot {
        files = new TreeMap<>(files);
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

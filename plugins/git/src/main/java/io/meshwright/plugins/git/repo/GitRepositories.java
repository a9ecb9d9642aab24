package io.meshwright.plugins.git.repo;

import io.meshwright.spi.extension.SecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Local mirrors of remote repositories, one bare mirror per URL under a cache folder, fetched before each read
 * (a commit SHA already present is read without a fetch). Files are read from the commit's tree, never checked
 * out. Calls for one URL are serialized; different URLs go in parallel.
 */
public final class GitRepositories {

    private static final java.util.regex.Pattern FULL_SHA = java.util.regex.Pattern.compile("[0-9a-f]{40}");

    private final Path cache;
    private final SecretResolver secrets;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Mirrors that may use no credential ({@link SecretResolver#none()}): a source naming one is refused. */
    public GitRepositories(Path cache) {
        this(cache, SecretResolver.none());
    }

    /**
     * @param secrets resolves every variable and file a source names ({@code tokenEnv}, {@code tokenFile},
     *                {@code sshKeyFile}, {@code sshKeyEnv}, {@code sshKeyPassphraseEnv}, {@code knownHostsFile}) under
     *                the engine's credential rule: the plugin context's
     */
    public GitRepositories(Path cache, SecretResolver secrets) {
        this.cache = cache;
        this.secrets = secrets;
    }

    /**
     * Fetches {@code location}'s repository and reads its selected files at its ref.
     *
     * @throws GitException when the repository cannot be fetched, or the ref or the folder is not in it
     */
    public Snapshot read(GitLocation location) {
        synchronized (locks.computeIfAbsent(location.url(), url -> new Object())) {
            Path dir = cache.resolve(key(location.url()));
            try (Git git = open(location, dir)) {
                Repository repository = git.getRepository();
                ObjectId commit = alreadyHeld(repository, location.ref());
                if (commit == null) {
                    fetch(git, location, credentials(location));
                    commit = resolve(repository, location);
                }
                return snapshot(repository, location, commit);
            } catch (IOException e) {
                throw new GitException("cannot read " + location.safeUrl() + ": " + e.getMessage(), e);
            }
        }
    }

    private Git open(GitLocation location, Path dir) throws IOException {
        if (Files.isDirectory(dir.resolve("objects"))) {
            return Git.open(dir.toFile());
        }
        Files.createDirectories(cache);
        SshAccess ssh = ssh(location);
        try (ssh) {
            return Git.cloneRepository().setURI(location.url()).setDirectory(dir.toFile()).setBare(true).setMirror(true)
                    .setCredentialsProvider(credentials(location)).setTransportConfigCallback(ssh).call();
        } catch (GitAPIException | RuntimeException e) {
            deleteTree(dir);
            throw new GitException("cannot clone " + location.safeUrl() + ": "
                    + ssh.explain(e).orElseGet(() -> reason(e, location)), e);
        }
    }

    /** Made at each clone or fetch, like the token: a replaced key is picked up and none is kept. */
    private SshAccess ssh(GitLocation location) {
        return SshAccess.of(location, secrets, cache);
    }

    /** Read at each fetch, so a rotated token is picked up and none is kept. */
    private org.eclipse.jgit.transport.CredentialsProvider credentials(GitLocation location) {
        return location.credentials().provider(secrets).orElse(null);
    }

    private void fetch(Git git, GitLocation location, org.eclipse.jgit.transport.CredentialsProvider credentials) {
        SshAccess ssh = ssh(location);
        try (ssh) {
            git.fetch().setRemote("origin").setRemoveDeletedRefs(true).setCredentialsProvider(credentials)
                    .setTransportConfigCallback(ssh).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GitException("cannot fetch " + location.safeUrl() + ": "
                    + ssh.explain(e).orElseGet(() -> reason(e, location)), e);
        }
    }

    /** A full commit SHA present locally needs no fetch (a commit never changes). */
    private static ObjectId alreadyHeld(Repository repository, String ref) throws IOException {
        if (ref == null || !FULL_SHA.matcher(ref).matches()) {
            return null;
        }
        ObjectId id = ObjectId.fromString(ref);
        return repository.getObjectDatabase().has(id) ? id : null;
    }

    private static ObjectId resolve(Repository repository, GitLocation location) throws IOException {
        String ref = location.ref() == null ? "HEAD" : location.ref();
        for (String candidate : new String[] {ref, "refs/heads/" + ref, "refs/tags/" + ref}) {
            ObjectId id = repository.resolve(candidate + "^{commit}");
            if (id != null) {
                return id;
            }
        }
        throw new GitException("ref " + ref + " is not a branch, tag or commit of " + location.safeUrl());
    }

    private static Snapshot snapshot(Repository repository, GitLocation location, ObjectId commitId) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, String> blobs = new java.util.HashMap<>();
        boolean folderSeen = location.path().isEmpty();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            if (!location.path().isEmpty()) {
                tree.setFilter(PathFilter.create(location.path()));
            }
            String prefix = location.path().isEmpty() ? "" : location.path() + "/";
            while (tree.next()) {
                String path = tree.getPathString();
                if (!path.startsWith(prefix)) {
                    continue; // the folder names a file, or a sibling sharing its prefix
                }
                folderSeen = true;
                String relative = path.substring(prefix.length());
                if (tree.getFileMode(0) != FileMode.REGULAR_FILE && tree.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                    continue; // symbolic links and submodules are not followed
                }
                if (location.selects(relative)) {
                    files.put(relative, repository.open(tree.getObjectId(0)).getBytes());
                    blobs.put(relative, tree.getObjectId(0).name());
                }
            }
            if (!folderSeen) {
                throw new GitException("path " + location.path() + " is not a folder of " + location.safeUrl() + " at "
                        + commit.name());
            }
            return new Snapshot(location, commit.name(), new java.util.TreeMap<>(files), blobs);
        }
    }

    /** The cause without the URL's user info: JGit's messages may quote the URL as given. */
    private static String reason(Throwable e, GitLocation location) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String safe = message.replace(location.url(), location.safeUrl());
        // JGit starts many messages with the URL, which the caller's message already names.
        return safe.startsWith(location.safeUrl() + ": ") ? safe.substring(location.safeUrl().length() + 2) : safe;
    }

    private static String key(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a half-made mirror that cannot be removed is cloned over next time
        }
    }
}

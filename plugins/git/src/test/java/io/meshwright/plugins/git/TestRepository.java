package io.meshwright.plugins.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real repository made with JGit in a test folder: write or remove files, commit, get the SHA. */
public final class TestRepository implements AutoCloseable {

    private final Path dir;
    private final Git git;

    private TestRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    public static TestRepository create(Path dir) {
        try {
            return new TestRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code files} (path → content), removes {@code removed}, commits everything; returns the commit SHA. */
    public String commit(String message, Map<String, String> files, List<String> removed) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            for (String path : removed) {
                Files.delete(dir.resolve(path));
            }
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Meshwright Test", "test@meshwright.invalid");
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pushes {@code main} to a bare repository at {@code bare} (made on first use), as a server would hold it. */
    public Path publish(Path bare) {
        try {
            if (!Files.exists(bare)) {
                Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
            }
            git.push().setRemote(bare.toUri().toString())
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("+refs/heads/main:refs/heads/main")).call();
            return bare;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public String fileUrl() {
        return "file://" + dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        git.close();
    }
}

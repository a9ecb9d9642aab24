package io.meshwright.plugins.git.repo;

/** A repository that cannot be fetched or read, or a ref or path it does not hold; the message names which. */
public final class GitException extends RuntimeException {

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }

    public GitException(String message) {
        super(message);
    }
}

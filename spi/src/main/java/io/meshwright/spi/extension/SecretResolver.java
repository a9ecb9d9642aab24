package io.meshwright.spi.extension;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The credentials a design or a source reference may make the engine use: environment variables and files of the
 * engine's host, each allowed by the operator. A design is written by whoever may submit designs, not by the
 * operator; if a plugin read any variable or file a design names, a design could make the engine send, say,
 * {@code AWS_SECRET_ACCESS_KEY} as the password of a repository on a host its author controls. So a plugin reads
 * every secret a design or source option names through this resolver, never with {@link System#getenv} or its own
 * file reads, and passes on a refusal as the part's (or generation's) failure.
 *
 * <p>What the engine promises: a variable is allowed only when its name starts with one of the operator's prefixes
 * (default {@code MESHWRIGHT_CRED_}, {@code serve --credential-env-prefix}); a file only when its real path (symbolic
 * links and {@code ..} resolved) is inside one of the operator's credential folders (default
 * {@code <data-dir>/credentials}, {@code serve --credentials-dir}). A refusal is a {@link SecretRefusedException}
 * whose message names the option, the variable or file as written, the rule, and how the operator allows it; it
 * never holds a secret's value. The same rule holds for every engine path (deploy, plan, model generation):
 * the engine cannot tell an operator's request from anyone else's holding the API token.
 *
 * <p>What the plugin must do: call it at each use (the operator may rotate a secret), keep the value only as long
 * as the call that needs it, and never put it in a message, event, log line or stored file.
 *
 * <p>Added in SPI 1.5. Thread-safe.
 */
public interface SecretResolver {

    /**
     * The value of the environment variable {@code name}, named by the source option {@code option}.
     *
     * @param option the option that names it, for the message (e.g. {@code tokenEnv})
     * @param name   the variable's name as written
     * @return its value; empty when it is allowed but not set, or set to an empty string
     * @throws SecretRefusedException when the operator does not let designs name this variable
     */
    Optional<String> environment(String option, String name);

    /**
     * The real path of the file {@code path}, named by the source option {@code option}: absolute, symbolic links and
     * {@code ..} resolved, inside a credential folder. A relative path is taken relative to the first credential
     * folder. Read the returned path, not the one written, so the file checked is the file read.
     *
     * @param option the option that names it, for the message (e.g. {@code tokenFile})
     * @param path   the file as written
     * @throws SecretRefusedException when the path, or what it leads to, is outside every credential folder
     * @throws IOException            when the path is allowed but does not exist or cannot be resolved
     *                                ({@link java.nio.file.NoSuchFileException} when missing)
     */
    Path file(String option, String path) throws IOException;

    /**
     * A resolver that refuses every variable and file: what a {@link PluginContext} made without one (by a test, or
     * an engine before SPI 1.5) offers, so that nothing is read outside an operator's rule by accident.
     */
    static SecretResolver none() {
        return new SecretResolver() {
            @Override
            public Optional<String> environment(String option, String name) {
                throw new SecretRefusedException(option, name, "this plugin context allows no environment variable");
            }

            @Override
            public Path file(String option, String path) {
                throw new SecretRefusedException(option, path, "this plugin context allows no credential file");
            }
        };
    }
}

package io.meshwright.engine.cli;

import picocli.CommandLine;

/**
 * Builds the {@code meshwright} command line: the command tree, the error reporter and the exit codes. Tests
 * run commands in-process through {@link #commandLine}, with their own environment and writers.
 *
 * <p>To add a command group, write a picocli {@code @Command} class (a client command has
 * {@code @Mixin ClientOptions} and prints with {@link Table}) and add it to {@link MeshwrightCommand}'s
 * {@code subcommands} (or with {@link CommandLine#addSubcommand} in {@link #commandLine}).
 */
public final class Cli {

    private Cli() {}

    public static CommandLine commandLine(CliEnvironment environment) {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new MeshwrightCommand(environment))
                .setExecutionExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}

package io.meshwright.engine.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code meshwright}: the root command; its subcommands are listed in {@link Cli#COMMANDS}. Subcommands reach the {@link CliEnvironment} through
 * {@link #environment(CommandSpec)} and never read the process environment themselves.
 */
@Command(name = "meshwright",
        version = "meshwright 0.1.0-SNAPSHOT",
        description = "Deploys designs onto Kubernetes in dependency order and removes them without leftovers.")
public final class MeshwrightCommand {

    private final CliEnvironment environment;

    // Inherited, so that every subcommand answers `--help` (users type `meshwright serve --help` first). Not the
    // standard help mixin: inheriting its -V/--version would clash with `design view --version N`.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "show stack traces of failures")
    boolean debug;

    public MeshwrightCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The environment of the command line {@code spec} belongs to. */
    static CliEnvironment environment(CommandSpec spec) {
        return ((MeshwrightCommand) spec.root().userObject()).environment;
    }

    /** Whether {@code --debug} was given anywhere on the command line. */
    static boolean debug(CommandSpec spec) {
        for (CommandSpec current = spec; current != null; current = current.parent()) {
            var option = current.findOption("--debug");
            if (option != null && Boolean.TRUE.equals(option.getValue())) {
                return true;
            }
        }
        return false;
    }
}

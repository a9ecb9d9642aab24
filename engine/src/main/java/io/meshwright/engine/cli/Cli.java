package io.meshwright.engine.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the {@code meshwright} command line: the command tree, the error reporter and the exit codes. Tests
 * run commands in-process through {@link #commandLine}, with their own environment and writers.
 *
 * <p>To add a command group, write a picocli {@code @Command} class (a client command has
 * {@code @Mixin ClientOptions} and prints with {@link Table}) and add it to {@link #COMMANDS} under its name.
 */
public final class Cli {

    /** The command groups under {@code meshwright}, by name, in the order help lists them. */
    static final Map<String, Class<?>> COMMANDS = commands();

    private Cli() {}

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("serve", ServeCommand.class);
        commands.put("design", DesignCommand.class);
        commands.put("deployment", DeploymentCommand.class);
        commands.put("model", ModelCommand.class);
        commands.put("component", ComponentCommand.class);
        commands.put("relationship", RelationshipCommand.class);
        commands.put("plugins", PluginsCommand.class);
        commands.put("orphans", OrphansCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("cluster", ClusterCommand.class);
        commands.put("connection", ConnectionCommand.class);
        commands.put("sync", SyncCommand.class);
        return java.util.Collections.unmodifiableMap(commands);
    }

    /** The whole command line, every group in it. */
    public static CommandLine commandLine(CliEnvironment environment) {
        return build(environment, COMMANDS.keySet());
    }

    /**
     * The command line for {@code args}: only the group they name, when they name one. picocli reads every
     * command class's annotations when the tree is built, which was most of a client command's start-up; the
     * whole tree is built only for help, a typo or no command at all.
     */
    public static CommandLine commandLine(CliEnvironment environment, String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return build(environment, COMMANDS.containsKey(arg) ? List.of(arg) : COMMANDS.keySet());
            }
        }
        return build(environment, COMMANDS.keySet());
    }

    private static CommandLine build(CliEnvironment environment, Iterable<String> groups) {
        ErrorReporter errors = new ErrorReporter();
        CommandLine commandLine = new CommandLine(new MeshwrightCommand(environment));
        for (String group : groups) {
            commandLine.addSubcommand(group, COMMANDS.get(group));
        }
        // Set after the groups are added: picocli passes these settings on to the subcommands that exist.
        return commandLine
                .setExecutionExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}

package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --help} works on every command, as users type it first: it printed "Unknown option" below the root. */
class HelpOptionTest {

    @TempDir
    Path home;

    @Test
    void everyCommandAnswersHelpWithItsUsageAndExitCodeZero() {
        List<String> failures = new ArrayList<>();
        List<List<String>> commands = new ArrayList<>();
        collect(Cli.commandLine(new CliEnvironment(Map.of(), home, Optional.empty())), new ArrayList<>(), commands);
        assertThat(commands).as("the command tree").hasSizeGreaterThan(20);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliTestSupport.Run run = CliTestSupport.run(Map.of(), home, args.toArray(String[]::new));
            String usage = "Usage: meshwright" + (command.isEmpty() ? "" : " " + String.join(" ", command));
            if (run.exitCode() != 0 || !run.out().startsWith(usage) || !run.err().isEmpty()) {
                failures.add(String.join(" ", args) + " -> " + run.exitCode() + ": " + run.err().lines().findFirst().orElse(""));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void helpWinsOverAMissingRequiredOption() {
        CliTestSupport.Run run = CliTestSupport.run(Map.of(), home, "design", "apply", "-h");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: meshwright design apply").contains("-f, --file=FILE");
        assertThat(run.err()).doesNotContain("Missing required option");
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        line.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // aliases name the same command again
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, into);
            }
        });
    }
}

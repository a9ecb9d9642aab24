package io.meshwright.engine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Runs {@code meshwright} commands in-process with a given environment, capturing what they print. */
final class CliTestSupport {

    record Run(int exitCode, String out, String err) {}

    private CliTestSupport() {}

    static Run run(Map<String, String> variables, Path userHome, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.commandLine(new CliEnvironment(variables, userHome, Optional.empty()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}

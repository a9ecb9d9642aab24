package io.meshwright.engine.cli;

/** Entry point of the {@code meshwright} launcher (server and CLI in one). */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.commandLine(CliEnvironment.system(), args).execute(args));
    }
}

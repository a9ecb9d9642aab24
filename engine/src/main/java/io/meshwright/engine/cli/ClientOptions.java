package io.meshwright.engine.cli;

import io.meshwright.engine.api.TokenFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where the engine is and how to authenticate, for every command that talks to one. The token comes from
 * {@code MESHWRIGHT_TOKEN} or {@code <data-dir>/token}, never from the command line (where other users could
 * read it in the process list).
 */
public final class ClientOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--server", paramLabel = "URL",
            description = "the engine's HTTP address (default: $MESHWRIGHT_SERVER, else http://127.0.0.1:9090)")
    String server;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the engine keeps its token (default: $MESHWRIGHT_DATA_DIR, else ~/.meshwright)")
    Path dataDir;

    /** A client for the engine these options point at. */
    public EngineClient client() {
        CliEnvironment environment = MeshwrightCommand.environment(command);
        String address = server != null ? server
                : environment.variable("MESHWRIGHT_SERVER").orElse("http://127.0.0.1:9090");
        Path dir = environment.dataDir(dataDir);
        String token = environment.variable("MESHWRIGHT_TOKEN").or(() -> TokenFile.read(dir))
                .orElseThrow(() -> new IllegalArgumentException("no API token: set MESHWRIGHT_TOKEN, or point --data-dir at "
                        + "the engine's data directory (no token file at " + dir.resolve(TokenFile.NAME) + ")"));
        return new EngineClient(address, token);
    }
}

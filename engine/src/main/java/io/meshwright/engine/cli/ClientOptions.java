package io.meshwright.engine.cli;

import io.meshwright.engine.api.PemFiles;
import io.meshwright.engine.api.TokenFile;
import java.nio.file.Path;
import java.util.Optional;
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

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM certificate(s) to trust for an https:// engine, e.g. its self-signed one (default: $MESHWRIGHT_CA_CERT, else the JDK's trust store)")
    Path caCert;

    /** A client for the engine these options point at. */
    public EngineClient client() {
        CliEnvironment environment = MeshwrightCommand.environment(command);
        String address = server != null ? server
                : environment.variable("MESHWRIGHT_SERVER").orElse("http://127.0.0.1:9090");
        Path dir = environment.dataDir(dataDir);
        String token = environment.variable("MESHWRIGHT_TOKEN").or(() -> TokenFile.read(dir))
                .orElseThrow(() -> new IllegalArgumentException("no API token: set MESHWRIGHT_TOKEN, or point --data-dir at "
                        + "the engine's data directory (no token file at " + dir.resolve(TokenFile.NAME) + ")"));
        Optional<Path> ca = Optional.ofNullable(caCert).or(() -> environment.variable("MESHWRIGHT_CA_CERT").map(Path::of));
        return new EngineClient(address, token, ca.map(PemFiles::trusting));
    }
}

package io.meshwright.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory holds designs with Secret data and the API token: its owner's alone. */
class DataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void aFreshEngineCreatesItsDataDirectory0700AndItsFiles0600() throws Exception {
        Path dataDir = parent.resolve("data");
        try (Engine engine = Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0), Clock.systemUTC())) {
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("meshwright.db"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("meshwright.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("token"))).isEqualTo("rw-------");
            assertThat(engine.startWarnings()).isEmpty();
        }
    }

    @Test
    void anEngineWarnsAtStartWhenItsDataIsReadableByOthers() throws Exception {
        Path dataDir = Files.createDirectories(parent.resolve("wide"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(dataDir.resolve("meshwright.db"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.setPosixFilePermissions(dataDir.resolve("meshwright.db"), PosixFilePermissions.fromString("rw-r--r--"));

        try (Engine engine = Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0), Clock.systemUTC())) {
            assertThat(engine.startWarnings()).anySatisfy(w -> assertThat(w).contains(dataDir.toString()).contains("chmod 700"))
                    .anySatisfy(w -> assertThat(w).contains("meshwright.db").contains("chmod 600"));
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

package io.meshwright.engine.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshwright.engine.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Opens registries on temporary databases and finds the shared real test data. */
final class RegistryFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    private RegistryFixture() {}

    static Registry open(Path dir, String name) {
        Database database = Database.open(dir.resolve(name + ".db"), Registry.migrations());
        return new Registry(database, CLOCK);
    }

    /** {@code <repo root>/../shared/real-data/meshery-models}, or the test is skipped when it is absent. */
    static Path mesheryModels() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("spi"))) {
            dir = dir.getParent();
        }
        Path models = dir == null ? Path.of("/nonexistent") : dir.resolve("../shared/real-data/meshery-models").normalize();
        assumeTrue(Files.isDirectory(models), "the shared real data (../shared/real-data) is not present");
        return models;
    }

    static Path accurate() {
        return mesheryModels().resolve("accurate");
    }
}

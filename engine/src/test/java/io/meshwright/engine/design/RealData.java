package io.meshwright.engine.design;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real upstream test inputs ({@code <repo root>/../shared/real-data}); tests skip when absent. */
public final class RealData {

    private RealData() {}

    public static Path file(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("../shared/real-data"))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "the shared real-data folder (../shared/real-data) is not present");
        Path file = dir.resolve("../shared/real-data").resolve(relative).normalize();
        assumeTrue(Files.exists(file), file + " is not present");
        return file;
    }
}

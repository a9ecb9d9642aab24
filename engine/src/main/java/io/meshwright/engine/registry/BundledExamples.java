package io.meshwright.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example model packages shipped in the engine jar under {@code registry/examples/} (a Kubernetes core
 * subset and a small CRD-based model). {@code index.txt} lists their files, since a jar cannot be listed.
 */
final class BundledExamples {
    private static final String ROOT = "/registry/examples/";

    private BundledExamples() {}

    static List<InputFile> files() {
        List<InputFile> files = new ArrayList<>();
        for (String path : read("index.txt").lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            files.add(new InputFile(path, "classpath:" + ROOT + path, read(path).getBytes(StandardCharsets.UTF_8)));
        }
        return files;
    }

    private static String read(String path) {
        try (InputStream in = BundledExamples.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("the engine jar lacks " + ROOT + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

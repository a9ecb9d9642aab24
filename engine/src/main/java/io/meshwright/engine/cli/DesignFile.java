package io.meshwright.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code -f FILE} option of the design commands: the design is uploaded, so the engine may run elsewhere. */
final class DesignFile {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "the design: meshery-design.yaml (v1beta1 or services:), Kubernetes manifests, or an OCI design tar")
    Path file;

    Path path() {
        Path path = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("cannot read design " + file + ": no such file");
        }
        return path;
    }

    /**
     * The upload's media type: an image tarball ({@code .tar}, {@code .tgz}, {@code .tar.gz}) goes as bytes, the rest
     * as YAML text. Either way the file's bytes are sent unchanged; the engine tells the formats apart by content.
     */
    String contentType() {
        String name = path().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".tar") || name.endsWith(".tgz") || name.endsWith(".tar.gz") ? "application/octet-stream" : "application/yaml";
    }

    /** {@code path?name=<file name>&…}: the file name locates problems in the engine's answers. */
    String withName(String path, Map<String, String> more) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("name", path().getFileName().toString());
        query.putAll(more);
        return EngineClient.withQuery(path, query);
    }
}

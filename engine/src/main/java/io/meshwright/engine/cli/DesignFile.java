package io.meshwright.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code -f FILE [--name NAME]} options of the design commands: the design is uploaded, so the engine may run
 * elsewhere. The file's absolute path goes along as {@code ?source=}: problems point at it, and a design that
 * names itself nowhere (plain manifests) is named after it, so {@code app/deploy.yaml} and {@code db/deploy.yaml}
 * are two designs. {@code --name} names the design (and its deployment) explicitly.
 */
final class DesignFile {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "the design: meshery-design.yaml (v1beta1 or services:), Kubernetes manifests, or an OCI design tar")
    Path file;

    @Option(names = "--name", paramLabel = "NAME",
            description = "name the design and its deployment (default: the design's own name; for plain manifests, "
                    + "the file name plus a hash of its absolute path)")
    String name;

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

    /** {@code path?source=<absolute path>[&name=NAME]&…}. */
    String withName(String path, Map<String, String> more) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("source", path().toString());
        query.put("name", name);
        query.putAll(more);
        return EngineClient.withQuery(path, query);
    }
}

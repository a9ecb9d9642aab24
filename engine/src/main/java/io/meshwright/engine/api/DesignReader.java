package io.meshwright.engine.api;

import io.meshwright.spi.design.Design;
import java.nio.charset.StandardCharsets;

/**
 * Reads a design from its text (a meshery design YAML or plain multi-document Kubernetes manifests) or from
 * uploaded bytes, which may also be an OCI image tarball holding a design, as Meshery publishes them. The gRPC
 * {@code Deploy} takes designs as text; the HTTP design and deployment routes take the request's bytes.
 */
@FunctionalInterface
public interface DesignReader {

    /**
     * A design read from bytes, with the text that was parsed (for an image tarball, its design file).
     *
     * @param design the design
     * @param text   the design text, as saved designs keep it
     */
    record Read(Design design, String text) {}

    /**
     * @param text       the design text
     * @param sourceName a name for the text in problem locations (a file name), or {@code "request"}
     * @throws ApiException ({@link ApiException#invalid}) listing every located problem when the text is not a
     *                      valid design
     */
    Design read(String text, String sourceName);

    /**
     * Reads uploaded bytes; this default takes them as UTF-8 text, a reader that understands image tarballs
     * overrides it.
     *
     * @throws ApiException as {@link #read(String, String)}
     */
    default Read read(byte[] content, String sourceName) {
        String text = new String(content, StandardCharsets.UTF_8);
        return new Read(read(text, sourceName), text);
    }
}

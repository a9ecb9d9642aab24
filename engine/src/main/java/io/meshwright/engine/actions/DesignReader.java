package io.meshwright.engine.actions;

import io.meshwright.engine.design.DesignNaming;
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
     * @param sourceName a name for the text in problem locations (its file's path), or {@code "request"}
     * @param naming     how the design is named (see {@link DesignNaming}); over the API never a default name
     * @throws ActionException ({@link ActionException#invalid}) listing every located problem when the text is not a
     *                      valid design, an unnamed one included
     */
    Design read(String text, String sourceName, DesignNaming naming);

    /**
     * Reads uploaded bytes; this default takes them as UTF-8 text, a reader that understands image tarballs
     * overrides it.
     *
     * @throws ActionException as {@link #read(String, String, DesignNaming)}
     */
    default Read read(byte[] content, String sourceName, DesignNaming naming) {
        String text = new String(content, StandardCharsets.UTF_8);
        return new Read(read(text, sourceName, naming), text);
    }
}

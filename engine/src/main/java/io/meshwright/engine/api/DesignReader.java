package io.meshwright.engine.api;

import io.meshwright.engine.design.DesignNaming;
import io.meshwright.spi.design.Design;

/**
 * Reads a design from its text (a meshery design YAML or plain multi-document Kubernetes manifests). The gRPC
 * {@code Deploy} and the HTTP design routes take designs as text and read them through this.
 */
@FunctionalInterface
public interface DesignReader {

    /**
     * @param text       the design text
     * @param sourceName a name for the text in problem locations (its file's path), or {@code "request"}
     * @param naming     how the design is named (see {@link DesignNaming}); over the API never a default name
     * @throws ApiException ({@link ApiException#invalid}) listing every located problem when the text is not a
     *                      valid design, an unnamed one included
     */
    Design read(String text, String sourceName, DesignNaming naming);
}

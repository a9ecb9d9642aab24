package io.meshwright.engine.api;

import io.meshwright.spi.design.Design;

/**
 * Reads a design from its text (a meshery design YAML or plain multi-document Kubernetes manifests). The gRPC
 * {@code Deploy} and the HTTP design routes take designs as text and read them through this.
 */
@FunctionalInterface
public interface DesignReader {

    /**
     * @param text       the design text
     * @param sourceName a name for the text in problem locations (a file name), or {@code "request"}
     * @throws ApiException ({@link ApiException#invalid}) listing every located problem when the text is not a
     *                      valid design
     */
    Design read(String text, String sourceName);
}

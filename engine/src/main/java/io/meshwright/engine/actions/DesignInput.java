package io.meshwright.engine.actions;

import io.meshwright.engine.design.DesignNaming;
import java.util.Optional;

/** Where the design an action works on comes from. */
public sealed interface DesignInput {

    /**
     * Uploaded bytes: a design's text or an OCI image tarball holding one.
     *
     * @param source a name for problem locations (the file's path on the client), or {@code request}
     */
    record Upload(byte[] content, String source, DesignNaming naming) implements DesignInput {}

    /** A design's text (gRPC sends designs as text). */
    record Text(String text, String source, DesignNaming naming) implements DesignInput {}

    /** A saved design by name, its latest version unless one is given. */
    record Saved(String name, Optional<Integer> version) implements DesignInput {}
}

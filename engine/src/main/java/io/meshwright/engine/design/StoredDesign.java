package io.meshwright.engine.design;

import java.time.Instant;

/**
 * One saved version of a design.
 *
 * @param designId        the design's id (its identity across versions)
 * @param name            its name at this version
 * @param version         the store's version number: 1, 2, 3 … per design, a new one only when the text changed
 * @param declaredVersion the version the file declares (e.g. {@code 0.0.1}), or {@code null}
 * @param contentHash     SHA-256 of the text, hex
 * @param text            the design text as saved (parse it again with {@link DesignParser})
 * @param source          the file or name it was saved from
 * @param savedAt         when this version was saved
 */
public record StoredDesign(String designId, String name, int version, String declaredVersion, String contentHash,
                           String text, String source, Instant savedAt) {}

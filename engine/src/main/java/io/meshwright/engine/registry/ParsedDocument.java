package io.meshwright.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.spi.Location;

/**
 * One JSON/YAML document read from an input file.
 *
 * @param node     its tree
 * @param text     its original JSON text when the file held exactly this one JSON document (kept as stored
 *                 document so exports give back the same bytes), else {@code null}
 * @param location the file, and the line where the document starts
 * @param folder   the folder of its file inside the import (groups components with their model)
 */
record ParsedDocument(JsonNode node, String text, Location location, String folder) {}

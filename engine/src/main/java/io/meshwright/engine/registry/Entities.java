package io.meshwright.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.spi.Location;
import java.util.List;

/** The registry's three entities as the store sees them: key, index columns, document and hash. */
final class Entities {
    private Entities() {}

    /** A model ready to store. {@code key} = {@code registrant/name/upstreamVersion/version}. */
    record ModelEntity(
            String key, String registrant, String name, String version, String upstreamVersion, String displayName,
            String category, String status, String schemaVersion, String document, String hash, JsonNode node,
            Location location) {

        String label() {
            return registrant + "/" + name + "@" + (upstreamVersion.isEmpty() ? "-" : upstreamVersion) + " (" + version + ")";
        }
    }

    /** A component definition ready to store; {@code key} extends its model's key. */
    record ComponentEntity(
            String key, String apiVersion, String group, String groupVersion, String kind, String displayName,
            boolean namespaced, String version, String status, String schemaVersion, String document, String hash,
            Location location) {

        String label(ModelEntity model) {
            return model.name() + "@" + model.upstreamVersion() + " " + (apiVersion.isEmpty() ? "" : apiVersion + " ") + kind;
        }
    }

    /** A relationship definition ready to store; {@code key} extends its model's key. */
    record RelationshipEntity(
            String key, String kind, String type, String subType, List<String> fromKinds, List<String> toKinds,
            String status, String version, String schemaVersion, String document, String hash, Location location) {

        String label(ModelEntity model) {
            return model.name() + "@" + model.upstreamVersion() + " " + kind + "/" + type + "/" + subType
                    + " " + fromKinds + " -> " + toKinds;
        }
    }

    /** One model with what it owns: stored in one transaction. */
    record PackageUnit(ModelEntity model, List<ComponentEntity> components, List<RelationshipEntity> relationships) {}
}

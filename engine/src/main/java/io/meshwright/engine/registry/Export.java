package io.meshwright.engine.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a stored model back out in the package layout
 * {@code <name>/<upstream-version>/<version>/{model.json, components/<Kind>.json, relationships/*.json}}, with
 * each document exactly as it was stored, so importing the export finds everything unchanged.
 */
final class Export {
    static final String LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String CONFIG_MEDIA_TYPE = "application/vnd.meshwright.model.config.v1+json";
    static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private final ObjectMapper json;

    Export(ObjectMapper json) {
        this.json = json;
    }

    void write(ModelDetail model, ExportFormat format, OutputStream out) throws IOException {
        byte[] package_ = tarGz(model);
        switch (format) {
            case TAR_GZ -> out.write(package_);
            case OCI -> out.write(oci(model.summary(), package_));
        }
        out.flush();
    }

    byte[] tarGz(ModelDetail model) throws IOException {
        ModelSummary summary = model.summary();
        String root = summary.name() + "/" + (summary.upstreamVersion().isEmpty() ? "unversioned" : summary.upstreamVersion())
                + "/" + summary.version() + "/";
        List<Tar.Entry> files = new ArrayList<>();
        files.add(new Tar.Entry(root + "model.json", utf8(model.document())));
        Map<String, Integer> kinds = new HashMap<>();
        model.components().forEach(c -> kinds.merge(c.summary().kind(), 1, Integer::sum));
        for (ModelDetail.StoredComponent component : model.components()) {
            ComponentSummary c = component.summary();
            String name = kinds.get(c.kind()) == 1 ? c.kind()
                    : c.kind() + "-" + c.apiVersion().replace('/', '-') + (c.version().isEmpty() ? "" : "-" + c.version());
            files.add(new Tar.Entry(root + "components/" + safe(name) + ".json", utf8(component.document())));
        }
        int index = 0;
        for (ModelDetail.StoredRelationship relationship : model.relationships()) {
            RelationshipSummary r = relationship.summary();
            String name = String.join("-", r.kind(), r.type(), r.subType().isEmpty() ? "none" : r.subType()) + "-" + (++index);
            files.add(new Tar.Entry(root + "relationships/" + safe(name.toLowerCase(java.util.Locale.ROOT)) + ".json",
                    utf8(relationship.document())));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            Tar.write(files, gzip);
        }
        return bytes.toByteArray();
    }

    /** An OCI image layout tar whose one layer is the package tar.gz. */
    private byte[] oci(ModelSummary summary, byte[] layer) throws IOException {
        ObjectNode config = json.createObjectNode();
        config.put("name", summary.name());
        config.put("version", summary.version());
        config.put("upstreamVersion", summary.upstreamVersion());
        config.put("registrant", summary.registrant());
        byte[] configBytes = json.writeValueAsBytes(config);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
        manifest.set("config", descriptor(CONFIG_MEDIA_TYPE, configBytes));
        ObjectNode layerDescriptor = descriptor(LAYER_MEDIA_TYPE, layer);
        layerDescriptor.putObject("annotations").put("org.opencontainers.image.title", summary.name() + ".tar.gz");
        manifest.putArray("layers").add(layerDescriptor);
        byte[] manifestBytes = json.writeValueAsBytes(manifest);
        ObjectNode index = json.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ObjectNode manifestDescriptor = descriptor(MANIFEST_MEDIA_TYPE, manifestBytes);
        manifestDescriptor.putObject("annotations").put("org.opencontainers.image.ref.name",
                summary.name() + ":" + (summary.upstreamVersion().isEmpty() ? summary.version() : summary.upstreamVersion()));
        index.putArray("manifests").add(manifestDescriptor);
        List<Tar.Entry> files = List.of(
                new Tar.Entry("oci-layout", utf8("{\"imageLayoutVersion\":\"1.0.0\"}")),
                new Tar.Entry("index.json", json.writeValueAsBytes(index)),
                new Tar.Entry("blobs/sha256/" + sha256(manifestBytes), manifestBytes),
                new Tar.Entry("blobs/sha256/" + sha256(configBytes), configBytes),
                new Tar.Entry("blobs/sha256/" + sha256(layer), layer));
        return Tar.toBytes(files);
    }

    private ObjectNode descriptor(String mediaType, byte[] content) {
        ObjectNode descriptor = json.createObjectNode();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", "sha256:" + sha256(content));
        descriptor.put("size", content.length);
        return descriptor;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

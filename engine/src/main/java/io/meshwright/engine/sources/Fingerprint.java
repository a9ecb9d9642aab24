package io.meshwright.engine.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 fingerprints of what a source holds: equal content, equal fingerprint, whatever the read order. */
final class Fingerprint {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private Fingerprint() {}

    /** Over each file's path and bytes, in path order. */
    static String ofFiles(List<SourceFile> files) {
        MessageDigest digest = sha256();
        files.stream().sorted(Comparator.comparing(SourceFile::path)).forEach(file -> {
            byte[] path = file.path().getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(8).putInt(path.length).putInt(file.content().length).array());
            digest.update(path);
            digest.update(file.content());
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Over the models' canonical JSON: map keys sorted, models by name and version, definitions by group, version and
     * kind, so that the order a cluster's discovery happens to answer in does not change it.
     */
    static String ofModels(List<ModelBundle> models) {
        List<ModelBundle> ordered = models.stream()
                .map(bundle -> new ModelBundle(bundle.model(), bundle.components().stream()
                        .sorted(Comparator.comparing((ComponentDefinition c) -> c.gvk().group())
                                .thenComparing(c -> c.gvk().version()).thenComparing(c -> c.gvk().kind())
                                .thenComparing(c -> String.valueOf(c.version())))
                        .toList(), bundle.relationships().stream().sorted(Comparator.comparing(String::valueOf)).toList()))
                .sorted(Comparator.comparing((ModelBundle b) -> b.model().name()).thenComparing(b -> String.valueOf(b.model().version())))
                .toList();
        try {
            return HexFormat.of().formatHex(sha256().digest(CANONICAL.writeValueAsBytes(ordered)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("generated models cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}

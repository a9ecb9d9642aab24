package io.meshwright.engine.sync.drift;

import io.meshwright.spi.deploy.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Secret's values in a drift report: compared like any field, but never shown — each side is a short digest, so
 * that a person sees that (and which key) differs without the value leaving the engine. A declared
 * {@code stringData} is compared as the {@code data} the server stores it as.
 */
final class SecretValues {

    private SecretValues() {}

    static boolean isSecret(ResourceRef ref) {
        return ref.gvk().group().isEmpty() && ref.gvk().kind().equals("Secret");
    }

    /** {@code object} with a Secret's {@code stringData} moved into {@code data}, base64-encoded, as the server stores it. */
    static Map<String, Object> asStored(Map<String, Object> object) {
        if (!"Secret".equals(object.get("kind")) || !(object.get("stringData") instanceof Map<?, ?> strings)) {
            return object;
        }
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> data = new LinkedHashMap<>();
        if (object.get("data") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> data.put(String.valueOf(key), value));
        }
        strings.forEach((key, value) -> data.put(String.valueOf(key),
                Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
        copy.remove("stringData");
        copy.put("data", data);
        return copy;
    }

    /** The fields with every value under {@code data} replaced by its digest. */
    static List<FieldDrift> hidden(List<FieldDrift> fields) {
        return fields.stream()
                .map(f -> f.path().startsWith("data") ? new FieldDrift(f.path(), digest(f.deployed()), digest(f.live())) : f)
                .toList();
    }

    private static Object digest(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> digests = new LinkedHashMap<>();
            map.forEach((key, item) -> digests.put(String.valueOf(key), digest(item)));
            return digests;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            return "(hidden, sha256:" + HexFormat.of().formatHex(hash, 0, 4) + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

package io.meshwright.plugins.git.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.extension.ClusterView;
import io.meshwright.spi.model.Gvk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a part's last successful deploy left in the cluster, so that a redeploy applies only what changed: for each
 * object, the fingerprint of the manifest applied and the uid and resourceVersion its apply answered with (a skipped
 * object keeps the record it had; nothing is read back after the deploy, which could see a change someone made
 * meanwhile and take it for what the deploy left). An
 * object is skipped only when all of it still holds — the same manifest, an inventory record confirmed with that
 * uid, and the live object carrying the deployment's label with the same uid and resourceVersion (nobody, no
 * controller, changed it since). Anything else is applied as usual. The record is removed before a deploy writes
 * anything and written again only after it succeeded, so a failed or killed deploy leaves none behind.
 *
 * <p>Kept in the plugin's work folder, one small JSON file per deployment part; losing it only costs a full apply.
 */
final class DeployedObjects {

    private static final String LABEL = "meshwright.io/deployment";
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<Map<String, Left>> RECORD = new TypeReference<>() {};

    /** What one object was left as: the manifest's fingerprint, and the object's uid and resourceVersion. */
    record Left(String fingerprint, String uid, String resourceVersion) {}

    private final Path folder;

    private DeployedObjects(Path folder) {
        this.folder = folder;
    }

    /** Records kept under {@code folder}. */
    static DeployedObjects in(Path folder) {
        return new DeployedObjects(folder);
    }

    /** No records: every deploy applies every object. */
    static DeployedObjects none() {
        return new DeployedObjects(null);
    }

    /** The last successful deploy's record of {@code part}, removed from disk (it is rewritten after success). */
    Map<String, Left> take(DeploymentPart part) {
        if (folder == null) {
            return Map.of();
        }
        Path file = file(part);
        try {
            if (!Files.exists(file)) {
                return Map.of();
            }
            Map<String, Left> left = CANONICAL.readValue(file.toFile(), RECORD);
            Files.delete(file);
            return left;
        } catch (IOException e) {
            // An unreadable record is no record: everything is applied.
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the apply is full anyway
            }
            return Map.of();
        }
    }

    /**
     * The objects among {@code objects} that can be skipped: the same manifest as {@code previous} recorded, and
     * both the inventory and the live object say the object is still the one the last deploy left.
     */
    Set<String> unchanged(DeploymentPart part, List<Map<String, Object>> objects, Map<String, String> fingerprints,
            Map<String, Left> previous, List<InventoryEntry> inventory, ClusterView view) {
        if (previous.isEmpty()) {
            return Set.of();
        }
        Map<String, String> confirmed = new HashMap<>();
        inventory.stream().filter(e -> e.status() == InventoryStatus.CONFIRMED && e.uid() != null && !e.preExisting())
                .forEach(e -> confirmed.put(e.ref().key(), e.uid()));
        Map<String, Left> live = live(part, objects, view);
        Set<String> unchanged = new LinkedHashSet<>();
        for (Map<String, Object> object : objects) {
            String key = key(object);
            Left before = previous.get(key);
            Left now = live.get(key);
            if (before != null && now != null && before.fingerprint().equals(fingerprints.get(key))
                    && before.uid().equals(confirmed.get(key)) && before.uid().equals(now.uid())
                    && before.resourceVersion().equals(now.resourceVersion())) {
                unchanged.add(key);
            }
        }
        return unchanged;
    }

    /**
     * Records what the deploy left, object key → fingerprint (taken before the apply, from the manifest as read), uid
     * and resourceVersion (from the apply's answer, or the previous record for a skipped object).
     */
    void save(DeploymentPart part, Map<String, Left> left) {
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "deployed", ".tmp");
            CANONICAL.writeValue(temporary.toFile(), new java.util.TreeMap<>(left));
            Files.move(temporary, file(part), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the deployed objects of part " + part.id() + " in " + folder, e);
        }
    }

    /** uid and resourceVersion of the deployment's labelled objects of the kinds in {@code objects}: one list per kind. */
    private static Map<String, Left> live(DeploymentPart part, List<Map<String, Object>> objects, ClusterView view) {
        Set<Gvk> kinds = new LinkedHashSet<>();
        objects.forEach(object -> kinds.add(Kinds.gvkOf(object)));
        Map<String, Left> live = new HashMap<>();
        for (Gvk kind : kinds) {
            if (!view.serves(kind)) {
                continue;
            }
            for (Map<String, Object> item : view.list(kind, null, LABEL + "=" + part.deploymentId())) {
                if (item.get("metadata") instanceof Map<?, ?> metadata) {
                    Object namespace = metadata.get("namespace");
                    String key = new ResourceRef(kind, namespace == null ? null : String.valueOf(namespace),
                            String.valueOf(metadata.get("name"))).key();
                    live.put(key, new Left(null, String.valueOf(metadata.get("uid")),
                            String.valueOf(metadata.get("resourceVersion"))));
                }
            }
        }
        return live;
    }

    static String key(Map<String, Object> object) {
        return ref(object).key();
    }

    static ResourceRef ref(Map<String, Object> object) {
        Object namespace = object.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("namespace") : null;
        Object name = object.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
        return new ResourceRef(Kinds.gvkOf(object), namespace == null || String.valueOf(namespace).isBlank() ? null
                : String.valueOf(namespace), String.valueOf(name));
    }

    /** Fingerprints of the manifests as read, by object key. */
    static Map<String, String> fingerprints(List<Map<String, Object>> objects) {
        Map<String, String> fingerprints = new HashMap<>();
        objects.forEach(object -> fingerprints.put(key(object), fingerprint(object)));
        return fingerprints;
    }

    private static String fingerprint(Map<String, Object> object) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(object)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint " + key(object), e);
        }
    }

    private Path file(DeploymentPart part) {
        byte[] name = (part.deploymentId() + "/" + part.id()).getBytes(StandardCharsets.UTF_8);
        try {
            return folder.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name)) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.meshwright.plugins.helm.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Helm release name of a component in a deployment: readable (the component's name first), stable (the same
 * deployment and component always give the same name), distinct per deployment (a hash of deployment id and
 * component id), and valid for Helm (at most 53 characters, a DNS-1123 label).
 */
public final class ReleaseName {

    /** Helm's limit: release names end up in labels and secret names. */
    public static final int MAX_LENGTH = 53;
    private static final int HASH_LENGTH = 10;

    private ReleaseName() {}

    public static String of(String deploymentId, String componentId, String componentName) {
        String hash = hash(deploymentId + "\u0000" + componentId);
        String readable = (componentName == null || componentName.isBlank() ? componentId : componentName)
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
        int room = MAX_LENGTH - HASH_LENGTH - 1;
        if (readable.length() > room) {
            readable = readable.substring(0, room).replaceAll("-+$", "");
        }
        return readable.isEmpty() ? "r" + hash : readable + "-" + hash;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

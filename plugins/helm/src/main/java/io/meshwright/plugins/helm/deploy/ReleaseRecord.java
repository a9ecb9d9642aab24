package io.meshwright.plugins.helm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.plugins.helm.chart.Yaml;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * One revision of a Helm release as Helm stores it: the Secret {@code sh.helm.release.v1.NAME.vREVISION}, whose
 * {@code release} field is base64 (Helm's) of gzip of JSON, inside the API's own base64. The binding's results
 * carry neither the manifest nor the hooks, so this is where the inventory learns what a release created.
 *
 * @param status       Helm's status: {@code deployed}, {@code failed}, {@code pending-install}, ...
 * @param chartVersion the chart's version
 * @param config       the values the user supplied (not the chart's defaults)
 * @param manifest     the rendered manifest (templates, not hooks, not {@code crds/})
 * @param hooks        the hooks, each with its rendered manifest and the events it runs on
 */
public record ReleaseRecord(String name, String namespace, int revision, String status, String chartVersion,
        Map<String, Object> config, String manifest, List<Hook> hooks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A hook: its manifest and the events ({@code pre-install}, {@code pre-delete}, ...) it runs on. */
    public record Hook(String manifest, List<String> events) {}

    /** The secret that holds {@code revision} of {@code release}. */
    public static ResourceRef secret(String release, String namespace, int revision) {
        return new ResourceRef(new Gvk("", "v1", "Secret"), namespace, "sh.helm.release.v1." + release + ".v" + revision);
    }

    /** Decodes the record from the Secret as the API returns it; empty when it holds none. */
    @SuppressWarnings("unchecked")
    public static Optional<ReleaseRecord> decode(Map<String, Object> secret) {
        Object data = secret.get("data") instanceof Map<?, ?> map ? ((Map<String, Object>) map).get("release") : null;
        if (data == null) {
            return Optional.empty();
        }
        try {
            byte[] helmEncoded = Base64.getDecoder().decode(String.valueOf(data));
            byte[] compressed = Base64.getDecoder().decode(new String(helmEncoded, StandardCharsets.US_ASCII).strip());
            JsonNode release;
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
                release = JSON.readTree(in);
            }
            List<Hook> hooks = new ArrayList<>();
            for (JsonNode hook : release.path("hooks")) {
                List<String> events = new ArrayList<>();
                hook.path("events").forEach(e -> events.add(e.asText()));
                hooks.add(new Hook(hook.path("manifest").asText(""), events));
            }
            Map<String, Object> config = release.hasNonNull("config")
                    ? JSON.convertValue(release.get("config"), Map.class) : Map.of();
            return Optional.of(new ReleaseRecord(release.path("name").asText(), release.path("namespace").asText(),
                    release.path("version").asInt(), release.path("info").path("status").asText(),
                    release.path("chart").path("metadata").path("version").asText(), config,
                    release.path("manifest").asText(""), hooks));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decode Helm's release record " + Yaml.string(secret, "metadata", "name")
                    + ": " + e.getMessage(), e);
        }
    }

    /** The objects of the manifest and of every hook. */
    public List<Map<String, Object>> objects() {
        List<Map<String, Object>> objects = new ArrayList<>(Yaml.documents(manifest));
        hooks.forEach(hook -> objects.addAll(Yaml.documents(hook.manifest())));
        return objects;
    }

    /** The objects of the hooks that run on any of {@code events}. */
    public List<Map<String, Object>> hookObjects(List<String> events) {
        List<Map<String, Object>> objects = new ArrayList<>();
        hooks.stream().filter(h -> h.events().stream().anyMatch(events::contains))
                .forEach(hook -> objects.addAll(Yaml.documents(hook.manifest())));
        return objects;
    }
}

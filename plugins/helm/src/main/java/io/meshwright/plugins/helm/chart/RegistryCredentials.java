package io.meshwright.plugins.helm.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Basic credentials for private OCI registries, from Helm's registry config on the engine's machine (what
 * {@code helm registry login HOST} writes): {@code auths.HOST.auth}, base64 of {@code user:password}. The file is the
 * engine operator's, never one a design names; it is read at each pull, so a login takes effect without a restart.
 * Credential helpers ({@code credsStore}) are not consulted.
 *
 * @param config the config file; it need not exist
 */
public record RegistryCredentials(Path config) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The file Helm itself uses: {@code $HELM_REGISTRY_CONFIG}, else {@code $XDG_CONFIG_HOME/helm/registry/config.json},
     * else {@code ~/.config/helm/registry/config.json}.
     */
    public static RegistryCredentials ofEngineHost() {
        String explicit = System.getenv("HELM_REGISTRY_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return new RegistryCredentials(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new RegistryCredentials(base.resolve("helm/registry/config.json"));
    }

    /** The {@code Authorization} value ({@code Basic ...}) for {@code host} ({@code host[:port]}), if the config has one. */
    public Optional<String> basic(String host) {
        if (config == null || !Files.isRegularFile(config)) {
            return Optional.empty();
        }
        JsonNode auths;
        try {
            auths = JSON.readTree(Files.readString(config, StandardCharsets.UTF_8)).path("auths");
        } catch (IOException e) {
            throw new ChartException("cannot read Helm's registry config " + config + ": " + e.getMessage(), e);
        }
        for (String key : new String[] {host, "https://" + host, "http://" + host}) {
            JsonNode entry = auths.path(key);
            String auth = entry.path("auth").asText("");
            if (auth.isBlank() && entry.hasNonNull("username")) {
                auth = Base64.getEncoder().encodeToString((entry.path("username").asText() + ":"
                        + entry.path("password").asText()).getBytes(StandardCharsets.UTF_8));
            }
            if (!auth.isBlank()) {
                return Optional.of("Basic " + auth.strip());
            }
        }
        return Optional.empty();
    }
}

package io.meshwright.engine.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained kubeconfig (YAML) for the engine's own cluster connection, for tools that talk to the
 * cluster themselves (Helm): one cluster, one user, one context, certificates inlined so that the tool needs
 * no file the engine read. Built from the fabric8 {@link Config} the engine uses, so a tool sees exactly the
 * cluster, credentials and namespace the engine deploys with.
 */
final class ToolKubeconfig {

    private static final String NAME = "meshwright";

    private ToolKubeconfig() {}

    static String render(Config config) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", stripSlash(config.getMasterUrl()));
        if (config.isTrustCerts()) {
            cluster.put("insecure-skip-tls-verify", true);
        }
        putData(cluster, "certificate-authority-data", config.getCaCertData(), config.getCaCertFile());

        Map<String, Object> user = new LinkedHashMap<>();
        putData(user, "client-certificate-data", config.getClientCertData(), config.getClientCertFile());
        putData(user, "client-key-data", config.getClientKeyData(), config.getClientKeyFile());
        String token = config.getAutoOAuthToken() != null ? config.getAutoOAuthToken() : config.getOauthToken();
        if (token != null && !token.isEmpty()) {
            user.put("token", token);
        }
        if (config.getUsername() != null && !config.getUsername().isEmpty()) {
            user.put("username", config.getUsername());
            user.put("password", config.getPassword());
        }

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", NAME);
        context.put("user", NAME);
        if (config.getNamespace() != null) {
            context.put("namespace", config.getNamespace());
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("apiVersion", "v1");
        file.put("kind", "Config");
        file.put("clusters", List.of(Map.of("name", NAME, "cluster", cluster)));
        file.put("users", List.of(Map.of("name", NAME, "user", user)));
        file.put("contexts", List.of(Map.of("name", NAME, "context", context)));
        file.put("current-context", NAME);
        try {
            return new ObjectMapper(new YAMLFactory()).writeValueAsString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putData(Map<String, Object> into, String key, String data, String file) {
        if (data != null && !data.isEmpty()) {
            into.put(key, data);
        } else if (file != null && !file.isEmpty()) {
            try {
                into.put(key, Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " for the tool kubeconfig: " + e.getMessage(), e);
            }
        }
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package io.meshwright.plugins.helm.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.spi.extension.Fetcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token realm a challenge names, for a registry spoken to over https: the loopback tests reach registries over
 * plain http, so this one answers from a scripted fetcher standing in for {@code registry.example} over TLS.
 */
class RegistrySessionTest {

    private static final String AUTH = "Basic cm9ib3Q6czNjcmV0";

    @TempDir
    Path dir;

    /** Answers the registry's manifest with 401 and {@code challenge} until it sees a bearer token; records every request. */
    private record ScriptedRegistry(String challenge, List<String> seen) implements Fetcher {

        ScriptedRegistry(String challenge) {
            this(challenge, new CopyOnWriteArrayList<>());
        }

        @Override
        public byte[] fetch(URI url, long maxBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response exchange(Request request) {
            seen.add(request.url() + " " + request.headers().getOrDefault("Authorization", "[no auth]"));
            if (request.url().getHost().equals("registry.example")
                    && !"Bearer t".equals(request.headers().get("Authorization"))) {
                return new Response(request.url(), 401, Map.of("WWW-Authenticate", List.of(challenge)), new byte[0]);
            }
            byte[] body = request.url().getPath().endsWith("/token") ? "{\"token\":\"t\"}".getBytes(StandardCharsets.UTF_8)
                    : "{}".getBytes(StandardCharsets.UTF_8);
            return new Response(request.url(), 200, Map.of(), body);
        }
    }

    private RegistrySession session(Fetcher fetcher) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"auths\":{\"registry.example\":{\"auth\":\"" + AUTH.substring(6) + "\"}}}");
        OciReference reference = OciReference.of(new ChartSource.Oci("oci://registry.example/charts/web", "1.0.0"));
        return new RegistrySession(fetcher, reference, new RegistryCredentials(config));
    }

    @Test
    void aPlainHttpRealmOfAnHttpsRegistryIsRefusedBeforeTheCredentialsGoAnywhere() throws Exception {
        ScriptedRegistry registry = new ScriptedRegistry("Bearer realm=\"http://auth.example/token\",service=\"r\"");
        RegistrySession session = session(registry);

        assertThatThrownBy(() -> session.get(URI.create("https://registry.example/v2/charts/web/manifests/1.0.0"), null, 1024))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining("cannot pull oci://registry.example/charts/web")
                .hasMessageContaining("names the token realm \"http://auth.example/token\", which is not https");
        assertThat(registry.seen()).containsExactly("https://registry.example/v2/charts/web/manifests/1.0.0 [no auth]");
    }

    @Test
    void anHttpsRealmGetsTheRegistrysLoginAndItsTokenIsUsed() throws Exception {
        ScriptedRegistry registry = new ScriptedRegistry("Bearer realm=\"https://auth.example/token\",service=\"r\"");

        Fetcher.Response response = session(registry)
                .get(URI.create("https://registry.example/v2/charts/web/manifests/1.0.0"), null, 1024);

        assertThat(response.status()).isEqualTo(200);
        assertThat(registry.seen()).containsExactly(
                "https://registry.example/v2/charts/web/manifests/1.0.0 [no auth]",
                "https://auth.example/token?service=r&scope=repository%3Acharts%2Fweb%3Apull " + AUTH,
                "https://registry.example/v2/charts/web/manifests/1.0.0 Bearer t");
    }
}

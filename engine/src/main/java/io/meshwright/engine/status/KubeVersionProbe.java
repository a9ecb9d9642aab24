package io.meshwright.engine.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /version} through the engine's own client (so its credentials and TLS settings apply), once, with a
 * short timeout: the client's own retries would make an unreachable cluster take a minute to report.
 */
public final class KubeVersionProbe implements ClusterProbe {

    private final HttpClient http;
    private final String server;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public KubeVersionProbe(KubernetesClient client, Duration timeout) {
        this.http = client.getHttpClient().newBuilder()
                .tag(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                        .withRequestRetryBackoffLimit(0).build())
                .build();
        String master = client.getMasterUrl().toString();
        this.server = master.endsWith("/") ? master.substring(0, master.length() - 1) : master;
        this.timeout = timeout;
    }

    @Override
    public ClusterState probe() {
        try {
            HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder().uri(server + "/version").build(),
                    String.class).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.code() != 200) {
                return ClusterState.unreachable("GET /version answered " + response.code());
            }
            JsonNode version = json.readTree(response.body());
            return ClusterState.reachable(version.path("gitVersion").asText("unknown"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ClusterState.unreachable(ClusterUnreachable.describe(cause));
        } catch (TimeoutException e) {
            return ClusterState.unreachable("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            return ClusterState.unreachable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClusterState.unreachable("interrupted");
        }
    }
}

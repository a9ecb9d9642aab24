package io.meshwright.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ClusterUnreachableTest {

    @Test
    void aConnectionFailureOnTheWayToTheClusterIsRecognised() {
        Exception failure = new KubernetesClientException("GET /api failed", new UnknownHostException("kubernetes.default.svc: Name or service not known"));

        assertThat(ClusterUnreachable.cause(failure)).hasValueSatisfying(cause ->
                assertThat(ClusterUnreachable.describe(cause)).isEqualTo("unknown host kubernetes.default.svc"));
    }

    @Test
    void aConnectionFailureElsewhereIsNot() {
        // e.g. a model import from a URL that does not answer: raised by other code, with no cluster client involved
        assertThat(ClusterUnreachable.cause(new IllegalStateException("download failed", new ConnectException("refused")))).isEmpty();
    }

    @Test
    void otherClusterFailuresAreNot() {
        assertThat(ClusterUnreachable.cause(new KubernetesClientException("Forbidden"))).isEmpty();
    }
}

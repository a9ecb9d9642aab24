package io.meshwright.engine.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.fetch.UrlFetcher;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Credentials in a connection's URL never reach a message, however the URL is spelled. */
class ConnectionTest {

    @Test
    void userInformationIsStrippedUpToTheLastAtEvenWhenThePasswordHoldsAnAt() {
        assertThat(Connection.redact("http://u:p@ss@h:9090/prom?x=1")).isEqualTo("http://h:9090/prom?x=1");
        assertThat(Connection.redact("https://ops:s3cret@prom.example:9090")).isEqualTo("https://prom.example:9090");
        assertThat(Connection.redact("http://127.0.0.1:9090")).isEqualTo("http://127.0.0.1:9090");
        assertThat(Connection.redact("http://u:p w@h")).isEqualTo("(an unparseable URL)");
    }

    @Test
    void aSlashQuestionMarkOrHashInThePasswordDoesNotEndTheRedactionEarly() {
        assertThat(Connection.redact("http://u:pa/ss@prom:9090")).isEqualTo("http://prom:9090");
        assertThat(Connection.redact("http://u:pa?ss@prom:9090/x")).isEqualTo("http://prom:9090/x");
        assertThat(Connection.redact("http://u:pa#ss@prom:9090")).isEqualTo("http://prom:9090");
        assertThat(Connection.redact("u:pa/ss@prom:9090")).isEqualTo("prom:9090");
    }

    @Test
    void theRefusalOfAUrlWithASlashInItsPasswordDoesNotEchoThePassword() {
        assertThatThrownBy(() -> new PrometheusClient("http://u:pa/ss@prom:9090", Duration.ofSeconds(1),
                new UrlFetcher(UrlFetcher.Settings.defaults())))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining("http://prom:9090")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("u:pa").doesNotContain("ss@"));
    }

    @Test
    void theRefusalOfAUrlWithAnAtInItsPasswordDoesNotEchoThePassword() {
        // Java parses this authority as registry-based: no host, no user information; the 400 names the URL.
        assertThatThrownBy(() -> new PrometheusClient("http://u:p@ss@h:9090", Duration.ofSeconds(1),
                new UrlFetcher(UrlFetcher.Settings.defaults())))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining("http://h:9090")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ss@").doesNotContain("u:p"));
    }
}

package io.meshwright.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.events.EventBus;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Credentials in the NATS URL never reach {@code /health}, logs or stdout. */
class NatsSettingsTest {

    @Test
    void shownUrlRemovesUserPasswordAndTokenFromEveryServer() {
        assertThat(NatsSettings.of("nats://alice:s3cr%40t@127.0.0.1:4222", "p").shownUrl())
                .isEqualTo("nats://127.0.0.1:4222");
        assertThat(NatsSettings.of("nats://TOKEN@nats.example:4222", "p").shownUrl())
                .isEqualTo("nats://nats.example:4222");
        // a raw '@' in the password: everything up to the last '@' goes
        assertThat(NatsSettings.of("tls://bob:p@ss@a:4222,nats://t0k@b:4223,nats://c:4224", "p").shownUrl())
                .isEqualTo("tls://a:4222,nats://b:4223,nats://c:4224");
        assertThat(NatsSettings.of("nats://127.0.0.1:4222", "p").shownUrl()).isEqualTo("nats://127.0.0.1:4222");
    }

    @Test
    void statusOfABridgeShowsNoCredentials() {
        try (NatsBridge bridge = NatsBridge.start(NatsSettings.of("nats://alice:hunter2@127.0.0.1:1", "p"),
                new EventBus(Clock.systemUTC()), List::of, Clock.systemUTC())) {
            assertThat(bridge.status().url()).isEqualTo("nats://127.0.0.1:1").doesNotContain("hunter2");
        }
    }

    @Test
    void rejectedUrlIsReportedWithoutCredentials() {
        assertThatThrownBy(() -> NatsSettings.of("http://alice:hunter2@host", "p"))
                .hasMessageContaining("http://host").hasMessageNotContaining("hunter2");
    }
}

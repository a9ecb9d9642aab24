package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * NATS credentials in the environment without a NATS URL: a container environment shared by several programs may
 * carry them for another one, so {@code serve} warns and goes on; credentials given on the command line without
 * {@code --nats} are still a mistake the user made here, and refused.
 */
class NatsOptionsTest {

    private final StringWriter warnings = new StringWriter();

    @Test
    void credentialsOnlyInTheEnvironmentWithoutAUrlAreAWarningNotARefusal() {
        for (Map<String, String> env : java.util.List.of(Map.of("MESHWRIGHT_NATS_TOKEN", "s3cret"),
                Map.of("MESHWRIGHT_NATS_PASSWORD", "pw"), Map.of("MESHWRIGHT_NATS_USER", "alice"),
                Map.of("MESHWRIGHT_NATS_USER", "alice", "MESHWRIGHT_NATS_PASSWORD", "pw"))) {
            assertThat(options().settings("", env, new PrintWriter(warnings, true))).as(env.keySet().toString()).isEmpty();
        }
        assertThat(warnings.toString())
                .contains("WARNING: $MESHWRIGHT_NATS_TOKEN is set but no NATS URL (--nats or $MESHWRIGHT_NATS_URL):"
                        + " not publishing to NATS")
                .contains("$MESHWRIGHT_NATS_PASSWORD is set").contains("$MESHWRIGHT_NATS_USER is set")
                .doesNotContain("s3cret").doesNotContain("pw\n");
    }

    @Test
    void credentialsOnTheCommandLineWithoutAUrlAreStillRefused() {
        assertThatThrownBy(() -> options("--nats-user", "alice").settings("", Map.of("MESHWRIGHT_NATS_PASSWORD", "pw"),
                new PrintWriter(warnings, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("given without --nats URL");
        assertThatThrownBy(() -> options("--nats-tls-ca", "/tmp/ca.pem").settings("", Map.of(), new PrintWriter(warnings, true)))
                .hasMessageContaining("--nats-tls-ca").hasMessageContaining("given without --nats URL");
    }

    @Test
    void theUserFromTheEnvironmentStillAuthenticatesWhenAUrlIsGiven() {
        var settings = options("--nats", "nats://127.0.0.1:4222").settings("", Map.of("MESHWRIGHT_NATS_USER", "alice",
                "MESHWRIGHT_NATS_PASSWORD", "pw"), new PrintWriter(warnings, true)).orElseThrow();
        assertThat(settings.security().describe()).contains("user alice");
        assertThat(warnings.toString()).isEmpty();
    }

    private static NatsOptions options(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command.nats;
    }
}

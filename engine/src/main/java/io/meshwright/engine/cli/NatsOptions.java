package io.meshwright.engine.cli;

import io.meshwright.engine.nats.NatsSettings;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The NATS options {@code serve} and {@code sync} share. */
final class NatsOptions {

    @Option(names = "--nats", paramLabel = "URL", defaultValue = "${env:MESHWRIGHT_NATS_URL}",
            description = "publish events to NATS JetStream at URL, e.g. nats://127.0.0.1:4222 (default: $MESHWRIGHT_NATS_URL; none)")
    String url;

    @Option(names = "--nats-stream", paramLabel = "NAME", defaultValue = NatsSettings.DEFAULT_STREAM,
            description = "the JetStream stream, created or updated at start (default: ${DEFAULT-VALUE})")
    String stream;

    @Option(names = "--nats-max-age", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "how long the stream keeps an event (default: ${DEFAULT-VALUE})")
    Duration maxAge;

    @Option(names = "--nats-max-bytes", paramLabel = "SIZE", defaultValue = "1GiB",
            description = "how much the stream keeps at most, oldest dropped first (default: ${DEFAULT-VALUE})")
    String maxBytes;

    @Option(names = "--nats-buffer", paramLabel = "COUNT", defaultValue = "10000",
            description = "events held in memory while NATS is away; past it the oldest are dropped and counted (default: ${DEFAULT-VALUE})")
    int buffer;

    /** The settings, when a URL was given; {@code publisherId} may be empty for the engine's own. */
    Optional<NatsSettings> settings(String publisherId) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(NatsSettings.of(url.strip(), publisherId).withStream(stream)
                .withRetention(maxAge, ServeCommand.size("--nats-max-bytes", maxBytes)).withBuffer(buffer));
    }
}

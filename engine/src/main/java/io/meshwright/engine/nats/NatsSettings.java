package io.meshwright.engine.nats;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine (or a sync agent) talks to NATS JetStream.
 *
 * @param url               the server, e.g. {@code nats://127.0.0.1:4222}
 * @param stream            the stream created at start over every subject the engine publishes (when it exists, only
 *                          missing subjects are added)
 * @param maxAge            how long the stream keeps a message
 * @param maxBytes          how many bytes the stream keeps at most (oldest go first)
 * @param duplicateWindow   how long JetStream remembers a {@code Nats-Msg-Id} to drop a re-sent message
 * @param bufferCapacity    how many messages wait in memory while NATS is away; past it the oldest are dropped
 * @param publisherId       who publishes (header {@code Meshwright-Publisher}); a follower drops its own messages.
 *                          Empty until assigned: the engine's comes from its data folder ({@link PublisherId})
 * @param follow            whether to follow other publishers' clusters ({@code meshwright.sync.>}) into the bus
 * @param consumer          the durable consumer name the follower resumes with; empty for {@code meshwright-<publisherId>}
 * @param security          TLS files and credentials ({@link NatsSecurity#none()}: only what the URL says)
 */
public record NatsSettings(String url, String stream, Duration maxAge, long maxBytes, Duration duplicateWindow,
        int bufferCapacity, String publisherId, boolean follow, String consumer, NatsSecurity security) {

    public static final String DEFAULT_STREAM = "MESHWRIGHT";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_BUFFER = 10_000;

    public NatsSettings {
        Objects.requireNonNull(url, "url");
        security = security == null ? NatsSecurity.none() : security;
        if (!url.matches("(?i)(nats|tls)://[^\\s/]+(:\\d+)?/?(,.+)?")) {
            throw new IllegalArgumentException("--nats: expected a URL such as nats://127.0.0.1:4222, but was '" + shown(url) + "'");
        }
        if (stream == null || !stream.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("--nats-stream: expected letters, digits, '_' or '-', but was '" + stream + "'");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("--nats-max-age: expected more than zero, but was " + maxAge);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("--nats-max-bytes: expected more than zero, but was " + maxBytes);
        }
        if (duplicateWindow.isNegative() || duplicateWindow.isZero() || duplicateWindow.compareTo(maxAge) > 0) {
            throw new IllegalArgumentException("the duplicate window must be more than zero and at most the max age ("
                    + maxAge + "), but was " + duplicateWindow);
        }
        if (bufferCapacity <= 0) {
            throw new IllegalArgumentException("--nats-buffer: expected more than zero messages, but was " + bufferCapacity);
        }
        publisherId = publisherId == null ? "" : publisherId;
        consumer = consumer == null || consumer.isEmpty()
                ? (publisherId.isEmpty() ? "" : "meshwright-" + publisherId.replaceAll("[^A-Za-z0-9_-]", "_")) : consumer;
        if (!consumer.isEmpty() && !consumer.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("the durable consumer's name must be letters, digits, '_' or '-', but was '"
                    + consumer + "'");
        }
    }

    /**
     * The URL without credentials, for {@code /health}, logs and stdout: in each comma-separated server, everything
     * between {@code ://} and the last {@code @} (user, password or token) is removed. Done on the plain text rather
     * than by URI parsing, so a password with characters a URI parser rejects is still removed.
     */
    public String shownUrl() {
        return shown(url);
    }

    static String shown(String urls) {
        StringBuilder out = new StringBuilder();
        for (String server : urls.split(",", -1)) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            int scheme = server.indexOf("://");
            int at = server.lastIndexOf('@');
            int start = scheme < 0 ? 0 : scheme + 3;
            out.append(at >= start ? server.substring(0, start) + server.substring(at + 1) : server);
        }
        return out.toString();
    }

    /**
     * Defaults for {@code url}: stream {@code MESHWRIGHT}, one day or 1 GiB, 10-minute duplicate window, 10,000
     * messages buffered, following; {@code publisherId} may be empty (assigned later with {@link #withPublisher}).
     */
    public static NatsSettings of(String url, String publisherId) {
        return new NatsSettings(url, DEFAULT_STREAM, DEFAULT_MAX_AGE, DEFAULT_MAX_BYTES, DEFAULT_DUPLICATE_WINDOW,
                DEFAULT_BUFFER, publisherId, true, "", NatsSecurity.none());
    }

    /** The same with this publisher id, and the durable consumer named after it. */
    public NatsSettings withPublisher(String id) {
        return new NatsSettings(url, stream, maxAge, maxBytes, duplicateWindow, bufferCapacity, id, follow, "", security);
    }

    public NatsSettings withRetention(Duration age, long bytes) {
        return new NatsSettings(url, stream, age, bytes, duplicateWindow.compareTo(age) > 0 ? age : duplicateWindow,
                bufferCapacity, publisherId, follow, consumer, security);
    }

    public NatsSettings withBuffer(int capacity) {
        return new NatsSettings(url, stream, maxAge, maxBytes, duplicateWindow, capacity, publisherId, follow, consumer, security);
    }

    public NatsSettings withFollow(boolean following) {
        return new NatsSettings(url, stream, maxAge, maxBytes, duplicateWindow, bufferCapacity, publisherId, following, consumer, security);
    }

    /** The same with TLS files and credentials; a {@code tls://} URL without a CA trusts the JVM's trust store. */
    public NatsSettings withSecurity(NatsSecurity given) {
        return new NatsSettings(url, stream, maxAge, maxBytes, duplicateWindow, bufferCapacity, publisherId, follow, consumer, given);
    }

    public NatsSettings withStream(String name) {
        return new NatsSettings(url, name, maxAge, maxBytes, duplicateWindow, bufferCapacity, publisherId, follow, consumer, security);
    }
}

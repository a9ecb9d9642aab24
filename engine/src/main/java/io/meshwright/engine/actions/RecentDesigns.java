package io.meshwright.engine.actions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last few uploaded designs read for their deployment id, kept briefly so that the deploy that follows
 * ({@code design apply} asks for the id first, to follow the deployment's events, then deploys the same bytes)
 * does not parse them again: 1,000 objects take a noticeable part of a second to read and check. An entry is
 * matched by the bytes' digest, the source name and the naming, used once, and forgotten after {@link #TTL}.
 * Saved designs are not kept: they are read from the store either way.
 */
final class RecentDesigns {

    static final Duration TTL = Duration.ofSeconds(30);
    private static final int CAPACITY = 4;

    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    RecentDesigns(Clock clock) {
        this.clock = clock;
    }

    /** Keeps what {@code input} read as; does nothing for inputs that are not uploads. */
    synchronized void keep(DesignInput input, DesignReader.Read read) {
        key(input).ifPresent(key -> {
            expire();
            entries.remove(key);
            entries.put(key, new Entry(read, clock.instant().plus(TTL)));
            if (entries.size() > CAPACITY) {
                Iterator<String> oldest = entries.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        });
    }

    /** What {@code input} read as a moment ago, taken out; empty when it was not kept. */
    synchronized Optional<DesignReader.Read> take(DesignInput input) {
        expire();
        return key(input).map(entries::remove).map(Entry::read);
    }

    private void expire() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> entry.expires().isBefore(now));
    }

    private static Optional<String> key(DesignInput input) {
        return switch (input) {
            case DesignInput.Upload upload -> Optional.of(digest(upload.content()) + "\n" + upload.source() + "\n" + upload.naming());
            case DesignInput.Text text -> Optional.of(digest(text.text().getBytes(StandardCharsets.UTF_8)) + "\n"
                    + text.source() + "\n" + text.naming());
            case DesignInput.Saved saved -> Optional.empty();
        };
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private record Entry(DesignReader.Read read, Instant expires) {}
}

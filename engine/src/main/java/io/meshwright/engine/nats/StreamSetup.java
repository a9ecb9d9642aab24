package io.meshwright.engine.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the stream over Meshwright's subjects when it is missing: file storage, limits retention (a message stays
 * until it is older than the max age or the stream is past its max bytes, oldest first, however many consumers read
 * it), and a duplicate window for {@code Nats-Msg-Id}. A stream that exists belongs to whoever runs NATS: its
 * replicas, storage and limits are left as they are (a difference from the settings is only logged), and only the
 * subjects it lacks of ours are added. Snapshot requests ({@code meshwright.sync.<cluster>.snapshot}) are outside it:
 * they are request/reply, not history.
 */
final class StreamSetup {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSetup.class);
    private static final int STREAM_NOT_FOUND = 10059;
    private static final List<String> SUBJECTS = List.of(Subjects.SYNC_OBJECTS, Subjects.DEPLOYMENTS);

    private StreamSetup() {}

    static void ensure(Connection connection, NatsSettings settings) throws IOException, JetStreamApiException {
        JetStreamManagement management = connection.jetStreamManagement();
        StreamConfiguration existing;
        try {
            existing = management.getStreamInfo(settings.stream()).getConfiguration();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            management.addStream(StreamConfiguration.builder()
                    .name(settings.stream())
                    .subjects(SUBJECTS)
                    .storageType(StorageType.File)
                    .retentionPolicy(RetentionPolicy.Limits)
                    .discardPolicy(DiscardPolicy.Old)
                    .maxAge(settings.maxAge())
                    .maxBytes(settings.maxBytes())
                    .duplicateWindow(settings.duplicateWindow())
                    .build());
            return;
        }
        List<String> missing = SUBJECTS.stream()
                .filter(ours -> existing.getSubjects().stream().noneMatch(theirs -> covers(theirs, ours))).toList();
        if (!missing.isEmpty()) {
            List<String> subjects = new ArrayList<>(existing.getSubjects());
            subjects.addAll(missing);
            management.updateStream(StreamConfiguration.builder(existing).subjects(subjects).build());
            LOG.info("NATS stream {} exists; added the subject(s) it lacked: {}", settings.stream(), missing);
        }
        logDifference(settings.stream(), "max age", existing.getMaxAge(), settings.maxAge());
        logDifference(settings.stream(), "max bytes", existing.getMaxBytes(), settings.maxBytes());
        logDifference(settings.stream(), "duplicate window", existing.getDuplicateWindow(), settings.duplicateWindow());
    }

    private static void logDifference(String stream, String what, Object kept, Object asked) {
        if (!kept.equals(asked)) {
            LOG.info("NATS stream {} exists with {} {}; kept (the settings ask for {})", stream, what, kept, asked);
        }
    }

    /** Whether the stream subject {@code pattern} takes every message of {@code subject} (NATS wildcards {@code *}, {@code >}). */
    static boolean covers(String pattern, String subject) {
        String[] p = pattern.split("\\.", -1);
        String[] s = subject.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return s.length > i;
            }
            if (i >= s.length || s[i].equals(">") || !(p[i].equals("*") || p[i].equals(s[i]))) {
                return false;
            }
        }
        return p.length == s.length;
    }
}

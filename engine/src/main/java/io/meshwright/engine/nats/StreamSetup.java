package io.meshwright.engine.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;

/**
 * Creates the stream over Meshwright's subjects, or updates its retention to the settings: file storage, limits
 * retention (a message stays until it is older than the max age or the stream is past its max bytes, oldest first,
 * however many consumers read it), and a duplicate window for {@code Nats-Msg-Id}. Snapshot requests
 * ({@code meshwright.sync.<cluster>.snapshot}) are outside it: they are request/reply, not history.
 */
final class StreamSetup {

    private static final int STREAM_NOT_FOUND = 10059;

    private StreamSetup() {}

    static void ensure(Connection connection, NatsSettings settings) throws IOException, JetStreamApiException {
        JetStreamManagement management = connection.jetStreamManagement();
        StreamConfiguration configuration = StreamConfiguration.builder()
                .name(settings.stream())
                .subjects(Subjects.SYNC_OBJECTS, Subjects.DEPLOYMENTS)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .discardPolicy(DiscardPolicy.Old)
                .maxAge(settings.maxAge())
                .maxBytes(settings.maxBytes())
                .duplicateWindow(settings.duplicateWindow())
                .build();
        try {
            management.getStreamInfo(settings.stream());
            management.updateStream(configuration);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            management.addStream(configuration);
        }
    }
}

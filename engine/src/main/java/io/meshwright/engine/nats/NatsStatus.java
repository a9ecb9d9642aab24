package io.meshwright.engine.nats;

/**
 * What {@code /health} and {@code /metrics} say about NATS.
 *
 * @param url        the server
 * @param connected  whether the connection is up now
 * @param buffered   messages waiting in memory for JetStream's acknowledgement
 * @param dropped    messages dropped because the buffer was full (oldest first), since start
 * @param published  messages JetStream acknowledged, since start
 * @param reconnects times the connection came back after a loss, since start
 * @param received   other publishers' object changes the follower fed into the engine, since start
 * @param problem    why the last connection attempt failed (which side, what to change), null once connected
 */
public record NatsStatus(String url, boolean connected, long buffered, long dropped, long published, long reconnects,
        long received, String problem) {}

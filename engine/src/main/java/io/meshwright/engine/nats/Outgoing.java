package io.meshwright.engine.nats;

/**
 * One message waiting to be published.
 *
 * @param subject the subject
 * @param msgId   JetStream's {@code Nats-Msg-Id}: the same message sent twice within the duplicate window is stored once
 * @param body    the event's JSON
 */
record Outgoing(String subject, String msgId, byte[] body) {}

package io.meshwright.engine.store;

/**
 * One step of a feature's schema. Each feature (registry, designs, deployments) owns its own numbered list,
 * so features evolve their tables without coordinating version numbers with each other.
 *
 * @param feature the owning feature, e.g. {@code registry}
 * @param version 1, 2, 3 … in order; applied once each, in a transaction with the version bump
 * @param sql     one or more statements separated by {@code ;}
 */
public record Migration(String feature, int version, String sql) {}

/**
 * What the sync (the engine's MeshSync) knows about an object that runs on a cluster: its {@link
 * io.meshwright.spi.sync.ClusterObject} with a {@link io.meshwright.spi.sync.ObjectState}, an {@link
 * io.meshwright.spi.sync.Origin} and a {@link io.meshwright.spi.sync.Health}. Changes travel as {@link
 * io.meshwright.spi.event.Event.ClusterObjectChanged} events on the engine's bus and, when NATS is configured, on
 * {@code meshwright.sync.<cluster>.<group>.<version>.<kind>} subjects, so any process (a console, an agent in
 * another language) reads the same fields.
 */
package io.meshwright.spi.sync;

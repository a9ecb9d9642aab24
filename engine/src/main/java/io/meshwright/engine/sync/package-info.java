/**
 * The sync (the engine's MeshSync): {@link io.meshwright.engine.sync.ClusterWatch} keeps fabric8 informers on the
 * kinds a cluster serves and turns every change into an {@link io.meshwright.spi.event.Event.ClusterObjectChanged}
 * with the object's state, origin and health; {@link io.meshwright.engine.sync.ClusterObjectIndex} is the engine's
 * view of every cluster's objects, fed by those events (from its own watch or, later, from NATS).
 *
 * <p>It may import {@code cluster}, {@code inventory}, {@code registry}, {@code events} and the SPI; only the
 * composition root, {@code api}, {@code actions} and {@code cli} import it.
 */
package io.meshwright.engine.sync;

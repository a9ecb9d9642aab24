package io.meshwright.engine.nats;

import io.meshwright.spi.sync.ClusterObject;
import java.util.List;

/** The objects a process knows now, of every cluster it knows: what a snapshot request is answered from. */
@FunctionalInterface
public interface SnapshotSource {

    /** Every object currently known, of any cluster. */
    List<ClusterObject> objects();
}

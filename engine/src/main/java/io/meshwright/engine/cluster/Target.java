package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ResourceRef;

/** An object resolved against discovery: its reference (namespace settled) and the resource serving it. */
record Target(ResourceRef ref, ServedResource resource) {

    String path() {
        return resource.objectPath(ref.namespace(), ref.name());
    }

    String collection() {
        return resource.collectionPath(ref.namespace());
    }
}

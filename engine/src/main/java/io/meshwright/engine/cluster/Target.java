package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ResourceRef;

/** An object resolved against discovery: its reference (namespace settled) and the resource serving it. */
public record Target(ResourceRef ref, ServedResource resource) {

    /** The object's API path. */
    public String path() {
        return resource.objectPath(ref.namespace(), ref.name());
    }

    /** The API path of the collection it belongs to. */
    public String collection() {
        return resource.collectionPath(ref.namespace());
    }
}

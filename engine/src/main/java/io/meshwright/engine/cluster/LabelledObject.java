package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ResourceRef;

/** An object found in the cluster carrying a deployment's label. */
public record LabelledObject(ResourceRef ref, String uid) {}

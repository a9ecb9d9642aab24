/**
 * Designs: reading them ({@link io.meshwright.engine.design.DesignParser}: v1beta1 designs, the older
 * {@code services:} pattern, plain manifests, OCI image tarballs), checking them against the registry and the
 * target cluster before anything is applied ({@link io.meshwright.engine.design.DesignValidator}), turning
 * components into Kubernetes objects ({@link io.meshwright.engine.design.ManifestObjects}) and keeping saved
 * versions ({@link io.meshwright.engine.design.DesignStore}). Everything here but the store is pure: no cluster, no
 * network. The next step is {@link io.meshwright.engine.plan}.
 */
package io.meshwright.engine.design;

package io.meshwright.engine.design;

/** The shape a design file was written in. */
public enum DesignFormat {
    /** {@code schemaVersion: designs.meshery.io/v1beta1}: components with {@code component.kind/version}. */
    V1BETA1,
    /** The older {@code services:} pattern (v1alpha1/v1alpha2): {@code type}, {@code settings}, {@code traits}. */
    SERVICES,
    /** Plain Kubernetes objects, one or more YAML documents; each object becomes a component. */
    MANIFESTS
}

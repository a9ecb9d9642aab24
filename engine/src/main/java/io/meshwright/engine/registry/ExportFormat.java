package io.meshwright.engine.registry;

/** How a model is exported; both forms import back unchanged. */
public enum ExportFormat {
    /** A gzip'd tar of the package layout {@code <model>/<upstream-version>/<definition-version>/...}. */
    TAR_GZ,
    /** An OCI image layout in a tar: {@code oci-layout}, {@code index.json}, blobs; the one layer is the tar.gz. */
    OCI
}

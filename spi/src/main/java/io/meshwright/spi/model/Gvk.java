package io.meshwright.spi.model;

import java.util.Objects;

/**
 * A Kubernetes group, version and kind. The core group is the empty string, never {@code null}.
 *
 * @param group   API group, {@code ""} for the core group
 * @param version API version within the group, e.g. {@code v1}
 * @param kind    the kind, e.g. {@code Deployment}
 */
public record Gvk(String group, String version, String kind) {

    public Gvk {
        group = group == null ? "" : group;
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
    }

    /** Splits an {@code apiVersion} such as {@code apps/v1} or {@code v1} into group and version. */
    public static Gvk of(String apiVersion, String kind) {
        Objects.requireNonNull(apiVersion, "apiVersion");
        int slash = apiVersion.indexOf('/');
        return slash < 0
                ? new Gvk("", apiVersion, kind)
                : new Gvk(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
    }

    /** The {@code apiVersion} field value: {@code group/version}, or just {@code version} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Group and kind without version: two versions of one kind name the same objects. */
    public String groupKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    @Override
    public String toString() {
        return apiVersion() + " " + kind;
    }
}

package io.meshwright.plugins.helm.chart;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI chart reference split into what the distribution API needs: {@code oci://HOST[:PORT]/REPOSITORY} with a
 * version (null: the newest the registry's tags offer) or a manifest digest, spoken over https, or http with
 * {@code plainHttp}. The repository path and every tag are checked against the distribution spec's grammar before
 * they go into a URL, so a version such as {@code 1.0/../../other} cannot reach another path of the registry.
 *
 * @param reference  the {@code oci://} text, for messages
 * @param host       {@code host[:port]}, as Helm's registry config keys it
 * @param repository the repository path inside the registry ({@code charts/web})
 * @param version    the chart version, or null
 * @param digest     the manifest digest ({@code sha256:HEX}) the reference pins with {@code @sha256:HEX}, or null
 * @param plainHttp  http instead of https
 */
public record OciReference(String reference, String host, String repository, String version, String digest,
        boolean plainHttp) {

    /** The distribution spec's repository name: path components of lowercase alphanumerics and separators. */
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    /** The distribution spec's tag grammar. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** {@code REPOSITORY[:TAG]@sha256:HEX}: Helm pulls by the digest and ignores a tag beside it. */
    private static final Pattern PINNED = Pattern.compile("(.*?)(?::([^/:@]*))?@(sha256:.*)");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    /** Helm chart versions may carry {@code +build}; OCI tags may not, so Helm pushes them with {@code _}. */
    public static String tagOf(String version) {
        return version.replace('+', '_');
    }

    public static OciReference of(ChartSource.Oci oci) {
        URI uri;
        try {
            uri = URI.create(oci.reference());
        } catch (IllegalArgumentException e) {
            throw new ChartException("helm source " + oci.reference() + " is not a valid oci:// reference: " + e.getMessage(), e);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+|/+$", "");
        if (uri.getHost() == null || path.isEmpty()) {
            throw new ChartException("helm source " + oci.reference() + " is not a valid oci:// reference: expected"
                    + " oci://HOST[:PORT]/PATH/CHART");
        }
        String digest = null;
        Matcher pinned = PINNED.matcher(path);
        if (pinned.matches()) {
            path = pinned.group(1);
            digest = pinned.group(3);
            if (!SHA256.matcher(digest).matches()) {
                throw new ChartException("helm source " + oci.reference() + ": \"" + digest + "\" is not a sha256 digest"
                        + " (expected @sha256: and 64 lowercase hex digits)");
            }
        }
        if (!REPOSITORY.matcher(path).matches()) {
            throw new ChartException("helm source " + oci.reference() + ": \"" + path + "\" is not a valid OCI repository"
                    + " path (lowercase letters, digits and . _ - between them, components separated by /; a version goes after @)");
        }
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        OciReference reference = new OciReference(oci.reference(), host, path, oci.version(), digest, oci.plainHttp());
        if (digest == null && oci.version() != null) {
            reference.tag(oci.version());
        }
        return reference;
    }

    /** Whether {@code tag} is a valid OCI tag. */
    static boolean isTag(String tag) {
        return TAG.matcher(tag).matches();
    }

    /**
     * The OCI tag of a chart version ({@code +} as {@code _}), checked against the tag grammar.
     *
     * @throws ChartException naming the version when it cannot be a tag
     */
    String tag(String version) {
        String tag = tagOf(version);
        if (!isTag(tag)) {
            throw new ChartException("helm source " + reference + ": version \"" + version + "\" cannot be an OCI tag"
                    + " (letters, digits, _ . - and + only, not starting with . or -, at most 128 characters)");
        }
        return tag;
    }

    /** The registry's origin: {@code scheme://host[:port]}. */
    URI origin() {
        return URI.create((plainHttp ? "http" : "https") + "://" + host);
    }

    /** {@code scheme://host/v2/REPOSITORY/} + {@code rest}: the distribution API's URL for this repository. */
    URI api(String rest) {
        return URI.create(origin() + "/v2/" + repository + "/" + rest);
    }

    /** The reference with its version, as a user wrote it. */
    String named(String tagOrVersion) {
        return reference + (tagOrVersion == null || tagOrVersion.equals(digest) ? "" : "@" + tagOrVersion);
    }
}

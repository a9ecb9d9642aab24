package io.meshwright.plugins.helm.chart;

import java.net.URI;

/**
 * An OCI chart reference split into what the distribution API needs: {@code oci://HOST[:PORT]/REPOSITORY} with a
 * version (null: the newest the registry's tags offer), spoken over https, or http with {@code plainHttp}.
 *
 * @param reference  the {@code oci://} text, for messages
 * @param host       {@code host[:port]}, as Helm's registry config keys it
 * @param repository the repository path inside the registry ({@code charts/web})
 * @param version    the chart version, or null
 * @param plainHttp  http instead of https
 */
public record OciReference(String reference, String host, String repository, String version, boolean plainHttp) {

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
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        return new OciReference(oci.reference(), host, path, oci.version(), oci.plainHttp());
    }

    /** {@code scheme://host/v2/REPOSITORY/} + {@code rest}: the distribution API's URL for this repository. */
    URI api(String rest) {
        return URI.create((plainHttp ? "http" : "https") + "://" + host + "/v2/" + repository + "/" + rest);
    }

    /** The reference with its version, as a user wrote it. */
    String named(String tagOrVersion) {
        return reference + (tagOrVersion == null ? "" : "@" + tagOrVersion);
    }
}

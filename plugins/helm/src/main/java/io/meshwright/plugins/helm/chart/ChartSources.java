package io.meshwright.plugins.helm.chart;

import io.meshwright.spi.model.SourceRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a {@code helm:} source. The location is one of
 * <ul>
 *   <li>a chart directory or {@code .tgz} (a path or a {@code file:} URL);</li>
 *   <li>a chart repository URL ({@code http(s):} or a {@code file:} folder holding {@code index.yaml}), with the
 *       chart named by {@code #chart} in the location or the {@code chart} option, and the version by {@code @version}
 *       after the chart or the ref; no chart means every chart of the repository;</li>
 *   <li>an {@code oci://} reference, version by the ref or an {@code @version} suffix;</li>
 *   <li>a {@code .csv} file of charts, one per row.</li>
 * </ul>
 * So {@code helm:https://charts.example.com#redis@1.2.0}, {@code helm:./charts/web} and {@code helm:oci://ghcr.io/x/web@2.0.0}
 * all work as one string, and a {@link SourceRef} with {@code ref} and {@code options.chart} works too.
 */
public final class ChartSources {

    /** The scheme a design or {@code model generate --from} uses: {@code helm:REF}. */
    public static final String TYPE = "helm";

    private ChartSources() {}

    public static ChartSource parse(SourceRef ref) {
        if (!TYPE.equals(ref.type())) {
            throw new IllegalArgumentException("not a helm source: " + ref.type() + ":" + ref.location());
        }
        String location = ref.location() == null ? "" : ref.location().strip();
        if (location.startsWith(TYPE + ":")) {
            location = location.substring(TYPE.length() + 1);
        }
        if (location.isEmpty()) {
            throw new IllegalArgumentException("helm source without a location: expected a chart directory, a .tgz,"
                    + " a repository URL with #chart, an oci:// reference or a .csv file");
        }
        if (location.matches("(?s).*#[^#=&@]+=[^#&]*(&[^#=&]+=[^#&]*)*")) {
            // Options written into the location (a model's source_uri, as format writes it): #plainHttp=true.
            SourceRef inner = SourceRef.parse(TYPE + ":" + location);
            Map<String, String> options = new java.util.LinkedHashMap<>(inner.options());
            options.putAll(ref.options());
            ref = new SourceRef(TYPE, inner.location(), ref.ref() != null ? ref.ref() : inner.ref(), ref.path(), options);
            location = inner.location();
        }
        String chart = ref.options().get("chart");
        String version = ref.ref();
        int hash = location.indexOf('#');
        if (hash >= 0) {
            String fragment = location.substring(hash + 1);
            location = location.substring(0, hash);
            int at = fragment.indexOf('@');
            chart = at < 0 ? fragment : fragment.substring(0, at);
            version = at < 0 ? version : fragment.substring(at + 1);
        }
        if (location.startsWith("oci://")) {
            int at = location.lastIndexOf('@');
            if (at > "oci://".length() && !location.substring(at + 1).startsWith("sha256:")) {
                version = location.substring(at + 1);
                location = location.substring(0, at);
            }
            return new ChartSource.Oci(location, blankToNull(version), plainHttp(location, ref.options().get(PLAIN_HTTP)));
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            URI uri = URI.create(location);
            if (location.endsWith(".tgz")) {
                throw new IllegalArgumentException("helm source " + location + ": a chart archive over http is not"
                        + " supported; name its repository and chart instead (helm:REPO_URL#CHART@VERSION)");
            }
            return chart == null ? new ChartSource.WholeRepository(uri)
                    : new ChartSource.FromRepository(uri, chart, blankToNull(version));
        }
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        if (path.getFileName() != null && path.getFileName().toString().endsWith(".csv")) {
            return new ChartSource.Batch(path);
        }
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("index.yaml"))
                && !Files.isRegularFile(path.resolve("Chart.yaml"))) {
            URI uri = path.toAbsolutePath().toUri();
            return chart == null ? new ChartSource.WholeRepository(uri)
                    : new ChartSource.FromRepository(uri, chart, blankToNull(version));
        }
        return new ChartSource.Local(path);
    }

    /** The one-string form of a source, as stored in a model's {@code source_uri}. */
    public static String format(ChartSource source) {
        return TYPE + ":" + switch (source) {
            case ChartSource.Local local -> local.path().toAbsolutePath().normalize().toString();
            case ChartSource.FromRepository repo -> repo.repository() + "#" + repo.chart()
                    + (repo.version() == null ? "" : "@" + repo.version());
            case ChartSource.WholeRepository repo -> repo.repository().toString();
            case ChartSource.Oci oci -> oci.reference() + (oci.version() == null ? "" : "@" + oci.version())
                    + (oci.plainHttp() ? "#" + PLAIN_HTTP + "=true" : "");
            case ChartSource.Batch batch -> batch.csv().toAbsolutePath().normalize().toString();
        };
    }

    /**
     * A {@link SourceRef} from its one-string form ({@code helm:...} or without the scheme). Options after
     * {@code #key=value} (what {@link #format} writes for {@code plainHttp}) become the ref's options; a fragment
     * without {@code =} ({@code #chart@version}) stays in the location.
     */
    public static SourceRef ref(String text) {
        SourceRef parsed = SourceRef.parse(text.startsWith(TYPE + ":") ? text : TYPE + ":" + text);
        return TYPE.equals(parsed.type()) ? parsed : new SourceRef(TYPE, text, null, null, Map.of());
    }

    /**
     * The {@code plainHttp} option: the plugin pulls the OCI chart over http, without TLS. Only for a registry named by
     * {@code localhost} or a loopback or private address literal, where the traffic stays on this machine or the
     * site's own network; a public or DNS-named registry must use https, so a typo cannot send pulls in clear text
     * across the internet.
     */
    private static boolean plainHttp(String location, String option) {
        if (option == null || option.isBlank() || option.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (!option.strip().equalsIgnoreCase("true")) {
            throw new IllegalArgumentException("helm source " + location + ": option " + PLAIN_HTTP + " must be \"true\""
                    + " or \"false\", but it was \"" + option + "\"");
        }
        String host;
        try {
            host = URI.create(location).getHost();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("helm source " + location + " is not a valid oci:// reference: " + e.getMessage(), e);
        }
        if (host == null || !privateHost(host)) {
            throw new IllegalArgumentException("helm source " + location + ": option " + PLAIN_HTTP + " is allowed only for"
                    + " a registry on localhost or a loopback or private address literal (127.0.0.1, 10.x, 172.16-31.x,"
                    + " 192.168.x, ::1, fc00::/7), not " + host + "; serve that registry over https");
        }
        return true;
    }

    private static boolean privateHost(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // Only literals: resolving a name here would ask DNS, and its answer could change by the time the plugin pulls.
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false;
        }
        try {
            java.net.InetAddress address = java.net.InetAddress.getByName(literal);
            byte[] bytes = address.getAddress();
            boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || uniqueLocal;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The source option that lets the plugin reach an OCI registry over plain http. */
    public static final String PLAIN_HTTP = "plainHttp";

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

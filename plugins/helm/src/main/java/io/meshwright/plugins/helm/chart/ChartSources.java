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
            return new ChartSource.Oci(location, blankToNull(version));
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
            case ChartSource.Oci oci -> oci.reference() + (oci.version() == null ? "" : "@" + oci.version());
            case ChartSource.Batch batch -> batch.csv().toAbsolutePath().normalize().toString();
        };
    }

    /** A {@link SourceRef} from its one-string form ({@code helm:...} or without the scheme). */
    public static SourceRef ref(String text) {
        return new SourceRef(TYPE, text, null, null, Map.of());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

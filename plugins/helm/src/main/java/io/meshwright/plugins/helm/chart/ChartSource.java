package io.meshwright.plugins.helm.chart;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a chart (or a set of charts) comes from, as {@link ChartSources#parse} understands a {@code helm:} source.
 */
public sealed interface ChartSource {

    /** A chart directory or a packaged {@code .tgz} on this machine. */
    record Local(Path path) implements ChartSource {}

    /** One chart of a chart repository ({@code index.yaml} over http(s) or {@code file:}); newest when {@code version} is null. */
    record FromRepository(URI repository, String chart, String version) implements ChartSource {}

    /** Every chart version a repository's {@code index.yaml} lists (model generation only). */
    record WholeRepository(URI repository) implements ChartSource {}

    /**
     * An OCI reference ({@code oci://host/path/chart}) that the plugin pulls into its cache ({@link OciCharts}); with
     * {@code plainHttp}, over http without TLS (a registry on a loopback or private address only, see
     * {@link ChartSources#parse}).
     */
    record Oci(String reference, String version, boolean plainHttp) implements ChartSource {
        public Oci(String reference, String version) {
            this(reference, version, false);
        }
    }

    /** A CSV file listing charts, one per row: {@code location[,chart[,version]]} (model generation only). */
    record Batch(Path csv) implements ChartSource {}
}

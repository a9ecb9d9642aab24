package io.meshwright.plugins.helm.chart;

import java.nio.file.Path;

/**
 * A chart ready for Helm: a local directory or archive, or an OCI reference Helm pulls itself.
 *
 * @param local   the chart on this machine, or null for an OCI chart
 * @param oci     the OCI reference, or null for a local chart
 * @param version the OCI chart's version (null: newest); unused for local charts
 * @param source  the source it was resolved from, in its one-string form
 * @param plainHttp Helm talks to the OCI registry over http without TLS; false for local charts
 */
public record ResolvedChart(Path local, String oci, String version, String source, boolean plainHttp) {

    public ResolvedChart(Path local, String oci, String version, String source) {
        this(local, oci, version, source, false);
    }

    public static ResolvedChart resolve(ChartSource source, ChartRepository repository) {
        String text = ChartSources.format(source);
        return switch (source) {
            case ChartSource.Local local -> {
                if (!java.nio.file.Files.exists(local.path())) {
                    throw new ChartException("chart " + local.path() + " does not exist");
                }
                yield new ResolvedChart(local.path(), null, null, text);
            }
            case ChartSource.FromRepository repo -> new ResolvedChart(
                    repository.archive(repository.find(repo.repository(), repo.chart(), repo.version())), null, null, text);
            case ChartSource.Oci oci -> new ResolvedChart(null, oci.reference(), oci.version(), text, oci.plainHttp());
            case ChartSource.WholeRepository whole -> throw new ChartException("helm source " + text
                    + " names a repository but no chart; add #CHART (and @VERSION) to deploy from it");
            case ChartSource.Batch batch -> throw new ChartException("helm source " + text
                    + " is a list of charts; a component deploys one chart");
        };
    }
}

package io.meshwright.plugins.helm.chart;

import java.nio.file.Path;

/**
 * A chart ready for Helm: a directory or archive on this machine. Charts of repositories and OCI registries are
 * fetched into the plugin's cache first (through the engine's fetcher), so Helm never downloads anything itself.
 *
 * @param local  the chart on this machine
 * @param source the source it was resolved from, in its one-string form (with the version that was resolved)
 */
public record ResolvedChart(Path local, String source) {

    public static ResolvedChart resolve(ChartSource source, ChartRepository repository) {
        String text = ChartSources.format(source);
        return switch (source) {
            case ChartSource.Local local -> {
                if (!java.nio.file.Files.exists(local.path())) {
                    throw new ChartException("chart " + local.path() + " does not exist");
                }
                yield new ResolvedChart(local.path(), text);
            }
            case ChartSource.FromRepository repo -> new ResolvedChart(
                    repository.archive(repository.find(repo.repository(), repo.chart(), repo.version())), text);
            case ChartSource.Oci oci -> {
                OciCharts.Pulled pulled = repository.pull(oci);
                yield new ResolvedChart(pulled.archive(),
                        ChartSources.format(new ChartSource.Oci(oci.reference(), pulled.version(), oci.plainHttp())));
            }
            case ChartSource.WholeRepository whole -> throw new ChartException("helm source " + text
                    + " names a repository but no chart; add #CHART (and @VERSION) to deploy from it");
            case ChartSource.Batch batch -> throw new ChartException("helm source " + text
                    + " is a list of charts; a component deploys one chart");
        };
    }
}

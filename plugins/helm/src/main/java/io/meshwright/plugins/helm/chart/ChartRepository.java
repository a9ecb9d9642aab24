package io.meshwright.plugins.helm.chart;

import java.io.IOException;
import java.io.InputStream;
import io.meshwright.spi.extension.FetchFailedException;
import io.meshwright.spi.extension.Fetcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Helm chart repository: its {@code index.yaml} and the archives it lists, fetched over http(s) through the
 * engine's {@link Fetcher} (its address policy: no loopback or private hosts unless the engine allows private URLs)
 * or read from a {@code file:} folder. Downloaded archives are kept in a cache folder under their digest, so a chart
 * version is fetched once. OCI charts ({@link OciCharts}) are pulled into the same folder.
 */
public final class ChartRepository {

    static final long MAX_INDEX_BYTES = 32L * 1024 * 1024;

    private final Path cache;
    private final Fetcher fetcher;
    private final OciCharts oci;

    /**
     * @param cache   where downloaded chart archives are kept
     * @param fetcher what fetches http(s) URLs (the plugin context's)
     */
    public ChartRepository(Path cache, Fetcher fetcher) {
        this(cache, fetcher, RegistryCredentials.ofEngineHost());
    }

    /** The same, with the OCI registry logins from {@code credentials} rather than the engine host's Helm config. */
    public ChartRepository(Path cache, Fetcher fetcher, RegistryCredentials credentials) {
        this.cache = cache;
        this.fetcher = fetcher;
        this.oci = new OciCharts(cache, fetcher, credentials);
    }

    /** An OCI chart pulled into the same cache (the manifest is asked each time; the archive only when it changed). */
    public OciCharts.Pulled pull(ChartSource.Oci source) {
        return oci.pull(source);
    }

    /** One chart version as the index lists it. */
    public record Entry(URI repository, String name, String version, String digest, List<String> urls) {

        /** What identifies this version's content: the index's digest, or the URL when the index gives none. */
        public String fingerprint() {
            return digest == null || digest.isBlank() ? "url:" + urls : "sha256:" + digest;
        }
    }

    /** The raw index text (for fingerprinting the whole repository). */
    public String indexText(URI repository) {
        return new String(fetch(resolve(repository, "index.yaml"), MAX_INDEX_BYTES), StandardCharsets.UTF_8);
    }

    /** Every chart version the index lists, by chart name then newest version first. */
    public List<Entry> entries(URI repository, String indexText) {
        Map<String, Object> index = Yaml.map(indexText, repository + "index.yaml");
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> chart : Yaml.mapAt(index, "entries").entrySet()) {
            if (!(chart.getValue() instanceof List<?> versions)) {
                continue;
            }
            for (Object version : versions) {
                if (version instanceof Map<?, ?> map && map.get("version") != null) {
                    List<String> urls = map.get("urls") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
                    entries.add(new Entry(repository, chart.getKey(), String.valueOf(map.get("version")),
                            map.get("digest") == null ? null : String.valueOf(map.get("digest")), urls));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::name).thenComparing(Entry::version, SemVer.ORDER.reversed()));
        return entries;
    }

    /** The entry for {@code chart} at {@code version}, or its newest version when {@code version} is null. */
    public Entry find(URI repository, String chart, String version) {
        List<Entry> versions = entries(repository, indexText(repository)).stream().filter(e -> e.name().equals(chart)).toList();
        if (versions.isEmpty()) {
            throw new ChartException("chart repository " + repository + " has no chart named " + chart);
        }
        if (version == null) {
            return versions.getFirst();
        }
        return versions.stream().filter(e -> e.version().equals(version) || e.version().equals("v" + version))
                .findFirst().orElseThrow(() -> new ChartException("chart repository " + repository + " has no version "
                        + version + " of " + chart + "; it has " + versions.stream().map(Entry::version).toList()));
    }

    /** The entry's archive on this machine, downloaded (and its digest checked) unless already cached. */
    public Path archive(Entry entry) {
        if (entry.urls().isEmpty()) {
            throw new ChartException("chart " + entry.name() + " " + entry.version() + " in " + entry.repository()
                    + " lists no download URL");
        }
        String key = entry.digest() != null ? entry.digest() : Integer.toHexString(entry.urls().hashCode());
        Path target = cache.resolve(entry.name() + "-" + entry.version() + "-" + key.substring(0, Math.min(16, key.length())) + ".tgz");
        if (Files.isRegularFile(target)) {
            return target;
        }
        byte[] bytes = fetch(resolve(entry.repository(), entry.urls().getFirst()), ChartFiles.MAX_BYTES);
        if (entry.digest() != null && !entry.digest().isBlank() && !entry.digest().equalsIgnoreCase(sha256(bytes))) {
            throw new ChartException("chart " + entry.name() + " " + entry.version() + " from " + entry.repository()
                    + " does not match the digest its index.yaml gives (" + entry.digest() + ")");
        }
        try {
            Files.createDirectories(cache);
            Path temporary = Files.createTempFile(cache, entry.name(), ".part");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new ChartException("cannot store chart " + entry.name() + " in " + cache + ": " + e.getMessage(), e);
        }
    }

    private static URI resolve(URI repository, String path) {
        String base = repository.toString().endsWith("/") ? repository.toString() : repository + "/";
        return URI.create(base).resolve(path);
    }

    private byte[] fetch(URI uri, long max) {
        if (!"file".equals(uri.getScheme())) {
            try {
                return fetcher.fetch(uri, max);
            } catch (FetchFailedException e) {
                throw new ChartException(e.getMessage(), e);
            }
        }
        try (InputStream in = Files.newInputStream(Path.of(uri))) {
            return ChartFiles.readCapped(in, max, uri.toString());
        } catch (IOException e) {
            throw new ChartException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

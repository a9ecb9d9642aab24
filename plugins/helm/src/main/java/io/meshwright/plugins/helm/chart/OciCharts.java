package io.meshwright.plugins.helm.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.spi.extension.Fetcher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls Helm charts from OCI registries with the distribution API, through the engine's {@link Fetcher}: the tag's
 * manifest ({@code GET /v2/REPO/manifests/TAG}), its Helm chart layer, and that blob ({@code GET /v2/REPO/blobs/DIGEST}),
 * its sha256 checked. A reference pinned by digest ({@code oci://HOST/REPO@sha256:HEX}, or {@code REPO:TAG@sha256:HEX},
 * whose tag Helm ignores and so does the plugin) fetches {@code manifests/sha256:HEX} and refuses a manifest whose own
 * sha256 differs. Without a version the newest tag is taken, following the tag list's {@code Link} pages. Archives
 * are kept in the chart cache under their digest, so a tag that still names the same content costs one manifest
 * request; a moved tag is pulled again.
 */
public final class OciCharts {

    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final long MAX_MANIFEST_BYTES = 4L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most pages of a tag list followed: a registry that pages on and on must not hold a pull forever. */
    static final int MAX_TAG_PAGES = 100;
    /** At most this many tags over all pages: a registry's list past it names no newest version we would trust. */
    static final int MAX_TAGS = 20_000;
    private static final java.util.regex.Pattern NEXT =
            java.util.regex.Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

    private final Path cache;
    private final Fetcher fetcher;
    private final RegistryCredentials credentials;

    /**
     * @param cache       the chart cache (shared with chart repositories' archives)
     * @param fetcher     the engine's fetcher; it must offer {@link Fetcher#exchange} (SPI 1.5)
     * @param credentials the engine host's registry logins
     */
    public OciCharts(Path cache, Fetcher fetcher, RegistryCredentials credentials) {
        this.cache = cache;
        this.fetcher = fetcher;
        this.credentials = credentials;
    }

    /**
     * A pulled chart: the local archive, the version it is (null for a reference pinned by digest, which already names
     * exactly what was pulled), and the layer's digest ({@code sha256:...}).
     */
    public record Pulled(Path archive, String version, String digest) {}

    public Pulled pull(ChartSource.Oci source) {
        OciReference reference = OciReference.of(source);
        RegistrySession session = new RegistrySession(fetcher, reference, credentials);
        String version = reference.digest() != null ? null
                : reference.version() != null ? reference.version() : newest(reference, session);
        String tag = reference.digest() != null ? reference.digest() : reference.tag(version);
        JsonNode manifest = manifest(reference, session, tag);
        JsonNode layer = chartLayer(reference, tag, manifest);
        String digest = layer.path("digest").asText("");
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new ChartException(reference.named(version) + ": the chart layer's digest \"" + digest
                    + "\" is not a sha256 digest, the only kind the plugin checks");
        }
        long size = layer.path("size").asLong(-1);
        if (size > ChartFiles.MAX_BYTES) {
            throw new ChartException(reference.named(version) + ": the chart is " + size + " bytes, more than the limit of "
                    + ChartFiles.MAX_BYTES);
        }
        Path target = cache.resolve("oci-" + digest.substring("sha256:".length()) + ".tgz");
        if (!Files.isRegularFile(target)) {
            store(target, blob(reference, session, version, digest));
        }
        return new Pulled(target, version, digest);
    }

    private JsonNode manifest(OciReference reference, RegistrySession session, String tag) {
        Fetcher.Response response = session.get(reference.api("manifests/" + tag), MANIFEST, MAX_MANIFEST_BYTES);
        if (response.status() == 404) {
            throw new ChartException(reference.named(tag) + ": the registry " + reference.host() + " has no "
                    + (tag.equals(reference.digest()) ? "manifest " : "tag ") + tag + " in " + reference.repository() + errorCodes(response));
        }
        if (!response.ok()) {
            throw new ChartException(reference.named(tag) + ": the registry answered " + response.status()
                    + " for the manifest" + errorCodes(response));
        }
        String actual = "sha256:" + ChartRepository.sha256(response.body());
        if (tag.equals(reference.digest()) && !actual.equals(tag)) {
            throw new ChartException(reference.named(null) + ": the manifest the registry sent has digest " + actual
                    + ", not the one the reference pins; refusing it");
        }
        String declared = response.header("Docker-Content-Digest").orElse("");
        if (declared.startsWith("sha256:") && !declared.equals(actual)) {
            throw new ChartException(reference.named(tag) + ": the manifest the registry sent does not match the digest"
                    + " it declares (" + declared + "); refusing it");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ChartException(reference.named(tag) + ": the manifest is not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode chartLayer(OciReference reference, String tag, JsonNode manifest) {
        List<String> types = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            String type = layer.path("mediaType").asText("");
            if (CHART_LAYER.equals(type)) {
                return layer;
            }
            types.add(type);
        }
        String kind = manifest.path("mediaType").asText(manifest.path("config").path("mediaType").asText("unknown"));
        throw new ChartException(reference.named(tag) + " is not a Helm chart: its manifest (" + kind
                + ") has no layer of type " + CHART_LAYER + " (layers: " + types + "); is it a container image?");
    }

    private byte[] blob(OciReference reference, RegistrySession session, String version, String digest) {
        Fetcher.Response response = session.get(reference.api("blobs/" + digest), null, ChartFiles.MAX_BYTES);
        if (!response.ok()) {
            throw new ChartException(reference.named(version) + ": the registry answered " + response.status()
                    + " for the chart blob " + digest + errorCodes(response));
        }
        String actual = "sha256:" + ChartRepository.sha256(response.body());
        if (!actual.equals(digest)) {
            throw new ChartException(reference.named(version) + ": the chart the registry sent has digest " + actual
                    + ", but its manifest names " + digest + "; refusing it");
        }
        return response.body();
    }

    /**
     * The newest chart version among the repository's tags, as Helm picks one when no version is given. The tag list
     * may come in pages ({@code Link: <...?last=..&n=..>; rel="next"}); they are followed on the registry's own origin
     * only, at most {@link #MAX_TAG_PAGES} of them.
     */
    private static String newest(OciReference reference, RegistrySession session) {
        List<String> versions = new ArrayList<>();
        int tags = 0;
        URI page = reference.api("tags/list");
        for (int pages = 1; page != null; pages++) {
            if (pages > MAX_TAG_PAGES) {
                throw new ChartException(reference.reference() + ": the registry's tag list runs to more than "
                        + MAX_TAG_PAGES + " pages; name a version (@VERSION)");
            }
            Fetcher.Response response = session.get(page, "application/json", MAX_MANIFEST_BYTES);
            if (!response.ok()) {
                throw new ChartException(reference.reference() + ": the registry answered " + response.status()
                        + " for its tags" + errorCodes(response) + "; name a version (@VERSION)");
            }
            try {
                for (JsonNode tag : JSON.readTree(response.body()).path("tags")) {
                    if (++tags > MAX_TAGS) {
                        throw new ChartException(reference.reference() + ": the registry lists more than " + MAX_TAGS
                                + " tags; name a version (@VERSION)");
                    }
                    String version = tag.asText().replace('_', '+');
                    // A listed tag outside the OCI grammar is no tag this registry could serve; it is skipped.
                    if (OciReference.isTag(tag.asText()) && version.matches("v?\\d+(\\.\\d+){0,2}([-+].*)?")) {
                        versions.add(version);
                    }
                }
            } catch (IOException e) {
                throw new ChartException(reference.reference() + ": the tag list is not JSON: " + e.getMessage(), e);
            }
            page = next(reference, response);
        }
        List<String> releases = versions.stream().filter(v -> !v.replaceFirst("\\+.*", "").contains("-")).toList();
        return (releases.isEmpty() ? versions : releases).stream().max(SemVer.ORDER).orElseThrow(() ->
                new ChartException(reference.reference() + ": the registry lists no chart version among its tags;"
                        + " name a version (@VERSION)"));
    }

    /** The tag list's next page, from its {@code Link} header, or null on the last page. */
    private static URI next(OciReference reference, Fetcher.Response response) {
        for (String link : response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Link"))
                .flatMap(e -> e.getValue().stream()).toList()) {
            java.util.regex.Matcher matcher = NEXT.matcher(link);
            if (!matcher.find()) {
                continue;
            }
            URI next;
            try {
                next = response.url().resolve(matcher.group(1).strip());
            } catch (IllegalArgumentException e) {
                throw new ChartException(reference.reference() + ": the registry's next tag page \"" + matcher.group(1)
                        + "\" is not a URL", e);
            }
            if (!RegistrySession.sameOrigin(next, reference.origin())) {
                throw new ChartException(reference.reference() + ": the registry's tag list continues at " + next
                        + ", outside the registry " + reference.origin() + "; refusing to follow it");
            }
            return next;
        }
        return null;
    }

    /** The registry's own error codes ({@code MANIFEST_UNKNOWN}, ...), which say more than the status. */
    private static String errorCodes(Fetcher.Response response) {
        try {
            List<String> codes = new ArrayList<>();
            JSON.readTree(response.body()).path("errors").forEach(e -> codes.add(e.path("code").asText()));
            return codes.isEmpty() ? "" : " (" + String.join(", ", codes) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void store(Path target, byte[] bytes) {
        try {
            Files.createDirectories(cache);
            Path temporary = Files.createTempFile(cache, "oci-", ".part");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ChartException("cannot store chart " + target.getFileName() + " in " + cache + ": " + e.getMessage(), e);
        }
    }
}

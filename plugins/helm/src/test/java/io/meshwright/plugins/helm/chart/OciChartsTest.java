package io.meshwright.plugins.helm.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.plugins.helm.Charts;
import io.meshwright.plugins.helm.Fetchers;
import io.meshwright.plugins.helm.LoopbackOciRegistry;
import io.meshwright.plugins.helm.TokenRegistryProxy;
import io.meshwright.spi.extension.Fetcher;
import io.meshwright.spi.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's own OCI pull against a real registry ({@code docker-registry} on loopback, charts pushed by Helm),
 * directly and behind a token-challenging front, always through the engine's plugin fetcher.
 */
class OciChartsTest {

    @TempDir
    static Path work;

    @TempDir
    Path cache;

    private static LoopbackOciRegistry registry;
    private static String gadgets;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = new LoopbackOciRegistry(work.resolve("registry"));
        gadgets = registry.push(Charts.dir("gadgets"));
        registry.push(withVersion(Charts.dir("gadgets"), "0.2.0+build.7"));
        registry.pushImage("images/app", "1.0");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static Path withVersion(Path chart, String version) throws IOException {
        Path copy = work.resolve("copies/" + version).resolve(chart.getFileName());
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(chart.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceAll("(?m)^version:.*$", "version: " + version));
        return copy;
    }

    private ResolvedChart resolve(String source, Fetcher fetcher) {
        return resolve(source, fetcher, new RegistryCredentials(cache.resolve("no-config.json")));
    }

    private ResolvedChart resolve(String source, Fetcher fetcher, RegistryCredentials credentials) {
        return ResolvedChart.resolve(ChartSources.parse(SourceRef.parse("helm:" + source)),
                new ChartRepository(cache, fetcher, credentials));
    }

    private static String chartVersion(ResolvedChart chart) {
        return Yaml.string(Yaml.map(ChartFiles.read(chart.local()).text("Chart.yaml"), "Chart.yaml"), "version");
    }

    @Test
    void anOciChartIsPulledIntoTheCacheAsALocalArchiveNamedByItsDigest() {
        ResolvedChart chart = resolve(gadgets + "@0.1.0#plainHttp=true", Fetchers.allowingPrivate());

        assertThat(chart.local()).startsWith(cache).isRegularFile();
        assertThat(chart.local().getFileName().toString()).matches("oci-[0-9a-f]{64}\\.tgz");
        assertThat(chart.local().getFileName().toString()).contains(ChartRepository.sha256(readAll(chart.local())));
        assertThat(chartVersion(chart)).isEqualTo("0.1.0");
        assertThat(chart.source()).isEqualTo("helm:" + gadgets + "@0.1.0#plainHttp=true");
    }

    @Test
    void withoutAVersionTheNewestTagIsPulledAndABuildSuffixTravelsAsAnUnderscoreTag() {
        ResolvedChart newest = resolve(gadgets + "#plainHttp=true", Fetchers.allowingPrivate());
        ResolvedChart named = resolve(gadgets + "@0.2.0+build.7#plainHttp=true", Fetchers.allowingPrivate());

        assertThat(chartVersion(newest)).isEqualTo("0.2.0+build.7");
        // The version it resolved to is recorded, so a later deploy of this source takes the same chart.
        assertThat(newest.source()).isEqualTo("helm:" + gadgets + "@0.2.0+build.7#plainHttp=true");
        assertThat(named.local()).isEqualTo(newest.local());
    }

    @Test
    void aTokenChallengeIsAnsweredAnonymouslyTheBlobRedirectCarriesNoTokenAndASecondPullFetchesOnlyTheManifest() {
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry)) {
            String source = "oci://" + proxy.host() + "/charts/gadgets@0.1.0#plainHttp=true";

            ResolvedChart chart = resolve(source, Fetchers.allowingPrivate());

            assertThat(chartVersion(chart)).isEqualTo("0.1.0");
            String manifest = "/v2/charts/gadgets/manifests/0.1.0";
            assertThat(proxy.requests()).hasSize(5);
            assertThat(proxy.requests().subList(0, 3)).containsExactly(
                    manifest + " [no auth]", "/token [no auth]", manifest + " [auth]");
            assertThat(proxy.requests().get(3)).startsWith("/v2/charts/gadgets/blobs/sha256:").endsWith("[auth]");
            // The storage behind the redirect is another host: it must not see the registry's token.
            assertThat(proxy.requests().get(4)).startsWith("/storage/v2/charts/gadgets/blobs/sha256:").endsWith("[no auth]");

            ResolvedChart again = resolve(source, Fetchers.allowingPrivate());

            assertThat(again.local()).isEqualTo(chart.local());
            assertThat(proxy.requests().subList(5, proxy.requests().size())).containsExactly(
                    manifest + " [no auth]", "/token [no auth]", manifest + " [auth]");
        }
    }

    @Test
    void anAccessTokenAnswerIsTakenLikeAToken() {
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry).answeringAccessToken()) {
            ResolvedChart chart = resolve("oci://" + proxy.host() + "/charts/gadgets@0.1.0#plainHttp=true", Fetchers.allowingPrivate());

            assertThat(chartVersion(chart)).isEqualTo("0.1.0");
        }
    }

    @Test
    void aPrivateRegistryRefusesWithoutCredentialsAndPullsWithTheLoginFromHelmsRegistryConfig() throws IOException {
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry).requiringBasic("robot", "s3cret")) {
            String source = "oci://" + proxy.host() + "/charts/gadgets@0.1.0#plainHttp=true";
            Path config = cache.resolve("helm/registry/config.json");

            assertThatThrownBy(() -> resolve(source, Fetchers.allowingPrivate(), new RegistryCredentials(config)))
                    .isInstanceOf(ChartException.class)
                    .hasMessageContaining("cannot pull oci://" + proxy.host() + "/charts/gadgets")
                    .hasMessageContaining("refused access (401)")
                    .hasMessageContaining("helm registry login " + proxy.host())
                    .hasMessageContaining("HELM_REGISTRY_CONFIG");

            Files.createDirectories(config.getParent());
            String auth = Base64.getEncoder().encodeToString("robot:s3cret".getBytes(StandardCharsets.UTF_8));
            Files.writeString(config, "{\"auths\":{\"" + proxy.host() + "\":{\"auth\":\"" + auth + "\"}}}");

            ResolvedChart chart = resolve(source, Fetchers.allowingPrivate(), new RegistryCredentials(config));

            assertThat(chartVersion(chart)).isEqualTo("0.1.0");
            assertThat(proxy.requests()).contains("/token [auth]");
        }
    }

    @Test
    void aBlobWhoseDigestDoesNotMatchTheManifestIsRefusedAndNotCached() throws IOException {
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry).corruptingBlobs()) {
            String source = "oci://" + proxy.host() + "/charts/gadgets@0.1.0#plainHttp=true";

            assertThatThrownBy(() -> resolve(source, Fetchers.allowingPrivate()))
                    .isInstanceOf(ChartException.class)
                    .hasMessageContaining("oci://" + proxy.host() + "/charts/gadgets@0.1.0")
                    .hasMessageMatching("(?s).*the chart the registry sent has digest sha256:[0-9a-f]{64}, but its manifest"
                            + " names sha256:[0-9a-f]{64}; refusing it.*");
            try (Stream<Path> files = Files.list(cache)) {
                assertThat(files.filter(f -> f.toString().endsWith(".tgz"))).isEmpty();
            }
        }
    }

    @Test
    void aMissingTagIsNamedWithTheRegistrysErrorCode() {
        assertThatThrownBy(() -> resolve(gadgets + "@9.9.9#plainHttp=true", Fetchers.allowingPrivate()))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining(gadgets + "@9.9.9: the registry " + registry.host() + " has no tag 9.9.9 in charts/gadgets")
                .hasMessageContaining("MANIFEST_UNKNOWN");
    }

    @Test
    void aContainerImageIsRefusedAsNotAHelmChart() {
        String image = "oci://" + registry.host() + "/images/app";

        assertThatThrownBy(() -> resolve(image + "@1.0#plainHttp=true", Fetchers.allowingPrivate()))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining(image + "@1.0 is not a Helm chart")
                .hasMessageContaining("no layer of type application/vnd.cncf.helm.chart.content.v1.tar+gzip")
                .hasMessageContaining("application/vnd.oci.image.layer.v1.tar+gzip");
    }

    @Test
    void aRegistryOnALoopbackAddressIsRefusedUnlessTheEngineAllowsPrivateUrls() {
        assertThatThrownBy(() -> resolve(gadgets + "@0.1.0#plainHttp=true", Fetchers.engineDefault()))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining("cannot pull " + gadgets)
                .hasMessageContaining("a loopback, link-local or private address")
                .hasMessageContaining("--allow-private-urls");
    }

    @Test
    void withoutPlainHttpTheRegistryIsAskedOverHttpsAndTheErrorSaysWhichOptionAHttpRegistryNeeds() {
        assertThatThrownBy(() -> resolve(gadgets + "@0.1.0", Fetchers.allowingPrivate()))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining("cannot pull " + gadgets + ": cannot fetch https://" + registry.host())
                .hasMessageContaining("plainHttp=true");
    }

    @Test
    void aFetcherFromBeforeSpi15CannotPullAndSaysSo() {
        Fetcher plainGetsOnly = (url, max) -> new byte[0];

        assertThatThrownBy(() -> resolve(gadgets + "@0.1.0#plainHttp=true", plainGetsOnly))
                .isInstanceOf(ChartException.class).hasMessageContaining("plain GETs only");
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aChartPinnedByDigestIsPulledByItsManifestAndATagBesideTheDigestIsIgnoredAsHelmDoes() {
        String digest = registry.manifestDigest("charts/gadgets", "0.1.0");

        ResolvedChart pinned = resolve(gadgets + "@" + digest + "#plainHttp=true", Fetchers.allowingPrivate());
        // Helm pulls name:tag@digest by the digest alone; a tag that names another version changes nothing.
        ResolvedChart tagged = resolve(gadgets + ":0.2.0@" + digest + "#plainHttp=true", Fetchers.allowingPrivate());

        assertThat(chartVersion(pinned)).isEqualTo("0.1.0");
        assertThat(pinned.source()).isEqualTo("helm:" + gadgets + "@" + digest + "#plainHttp=true");
        assertThat(tagged.local()).isEqualTo(pinned.local());
        assertThat(tagged.source()).isEqualTo("helm:" + gadgets + ":0.2.0@" + digest + "#plainHttp=true");
    }

    @Test
    void aManifestThatDoesNotHaveThePinnedDigestIsRefused() {
        String digest = registry.manifestDigest("charts/gadgets", "0.1.0");
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry).corruptingManifests()) {
            String source = "oci://" + proxy.host() + "/charts/gadgets@" + digest;

            assertThatThrownBy(() -> resolve(source + "#plainHttp=true", Fetchers.allowingPrivate()))
                    .isInstanceOf(ChartException.class)
                    .hasMessageMatching("(?s)" + java.util.regex.Pattern.quote(source) + ": the manifest the registry sent has"
                            + " digest sha256:[0-9a-f]{64}, not the one the reference pins; refusing it.*");
            assertThat(proxy.requests()).contains("/v2/charts/gadgets/manifests/" + digest + " [auth]");
        }
    }

    @Test
    void aVersionOrRepositoryThatIsNoOciNameIsRefusedBeforeAnyRequest() {
        Fetcher nothing = Fetchers.engineDefault(); // would refuse the loopback registry, so any request would show
        for (String version : new String[] {"1.0/../../other", "1.0 beta", ".hidden", "-1"}) {
            assertThatThrownBy(() -> ResolvedChart.resolve(new ChartSource.Oci(gadgets, version, true),
                    new ChartRepository(cache, nothing, new RegistryCredentials(cache.resolve("none.json")))))
                    .as(version).isInstanceOf(ChartException.class)
                    .hasMessage("helm source " + gadgets + ": version \"" + version + "\" cannot be an OCI tag (letters,"
                            + " digits, _ . - and + only, not starting with . or -, at most 128 characters)");
        }
        for (String path : new String[] {"Charts/Gadgets", "charts/../other", "charts//gadgets", "charts/gadgets:0.1.0"}) {
            String reference = "oci://" + registry.host() + "/" + path;
            assertThatThrownBy(() -> ResolvedChart.resolve(new ChartSource.Oci(reference, "0.1.0", true),
                    new ChartRepository(cache, nothing, new RegistryCredentials(cache.resolve("none.json")))))
                    .as(path).isInstanceOf(ChartException.class)
                    .hasMessageStartingWith("helm source " + reference + ": \"" + path + "\" is not a valid OCI repository path");
        }
        assertThatThrownBy(() -> resolve(gadgets + "@sha256:abc#plainHttp=true", nothing))
                .isInstanceOf(ChartException.class).hasMessageContaining("\"sha256:abc\" is not a sha256 digest");
    }

    @Test
    void withoutAVersionEveryPageOfTheTagListIsRead() {
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry).pagingTags(1)) {
            ResolvedChart newest = resolve("oci://" + proxy.host() + "/charts/gadgets#plainHttp=true", Fetchers.allowingPrivate());

            // The front lists 0.1.0 on the first page and 0.2.0_build.7 on the second.
            assertThat(chartVersion(newest)).isEqualTo("0.2.0+build.7");
            assertThat(proxy.requests().stream().filter(r -> r.contains("/tags/list") && r.endsWith("[auth]"))).containsExactly(
                    "/v2/charts/gadgets/tags/list [auth]", "/v2/charts/gadgets/tags/list?n=1&last=0.1.0 [auth]");
        }
    }

    @Test
    void aTagListThatNeverEndsIsReadToABoundAndTheErrorAsksForAVersion() {
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry).pagingTags(1).endlessTagPages()) {
            String source = "oci://" + proxy.host() + "/charts/gadgets";

            assertThatThrownBy(() -> resolve(source + "#plainHttp=true", Fetchers.allowingPrivate()))
                    .isInstanceOf(ChartException.class)
                    .hasMessageContaining(source + ": the registry's tag list runs to more than " + OciCharts.MAX_TAG_PAGES
                            + " pages; name a version (@VERSION)");
            assertThat(proxy.requests().stream().filter(r -> r.contains("/tags/list") && r.endsWith("[auth]")))
                    .hasSize(OciCharts.MAX_TAG_PAGES);
        }
    }

    @Test
    void aNextTagPageOnAnotherOriginIsNotFollowed() {
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry).pagingTags(1).nextPageElsewhere()) {
            String source = "oci://" + proxy.host() + "/charts/gadgets";

            assertThatThrownBy(() -> resolve(source + "#plainHttp=true", Fetchers.allowingPrivate()))
                    .isInstanceOf(ChartException.class)
                    .hasMessageContaining(source + ": the registry's tag list continues at http://localhost:")
                    .hasMessageContaining("outside the registry http://" + proxy.host() + "; refusing to follow it");
            assertThat(proxy.requests()).noneMatch(r -> r.contains("last="));
        }
    }

    @Test
    void aChallengeFromTheHostABlobIsRedirectedToIsNotAnsweredWithTheRegistrysLogin() throws IOException {
        try (TokenRegistryProxy proxy = new TokenRegistryProxy(registry).storageChallenging().requiringBasic("robot", "s3cret")) {
            String source = "oci://" + proxy.host() + "/charts/gadgets";
            Path config = cache.resolve("helm/registry/config.json");
            Files.createDirectories(config.getParent());
            String auth = Base64.getEncoder().encodeToString("robot:s3cret".getBytes(StandardCharsets.UTF_8));
            Files.writeString(config, "{\"auths\":{\"" + proxy.host() + "\":{\"auth\":\"" + auth + "\"}}}");

            assertThatThrownBy(() -> resolve(source + "@0.1.0#plainHttp=true", Fetchers.allowingPrivate(),
                    new RegistryCredentials(config)))
                    .isInstanceOf(ChartException.class)
                    .hasMessageContaining("cannot pull " + source + ": http://localhost:")
                    .hasMessageContaining("answered 401; the plugin answers only the registry's own challenges");
            assertThat(proxy.requests()).noneMatch(r -> r.startsWith("/token"));
        }
    }
}

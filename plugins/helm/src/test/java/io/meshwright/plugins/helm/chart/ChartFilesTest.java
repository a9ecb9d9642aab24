package io.meshwright.plugins.helm.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packed subcharts are expanded, recursively, within bounds; real files, no cluster. */
class ChartFilesTest {

    @TempDir
    Path dir;

    @Test
    void packedSubchartsAreExpandedIntoFoldersRecursivelySoTheirCrdsAndTemplatesAreSeen() throws IOException {
        byte[] grand = tgz("grand", Map.of("Chart.yaml", "name: grand\nversion: 0.1.0\n", "crds/g.yaml", "kind: X\n"));
        byte[] sub = tgz("sub", Map.of("Chart.yaml", "name: sub\nversion: 0.2.0\n", "templates/hook.yaml", "a: b\n",
                "charts/grand-0.1.0.tgz", grand));
        Path chart = chart(Map.of("charts/sub-0.2.0.tgz", sub, "charts/_ignored.tgz", new byte[] {1, 2, 3}));

        ChartFiles files = ChartFiles.read(chart);

        assertThat(files.files().keySet()).containsExactlyInAnyOrder("Chart.yaml", "templates/cm.yaml",
                "charts/_ignored.tgz", "charts/sub-0.2.0/Chart.yaml", "charts/sub-0.2.0/templates/hook.yaml",
                "charts/sub-0.2.0/charts/grand-0.1.0/Chart.yaml", "charts/sub-0.2.0/charts/grand-0.1.0/crds/g.yaml");
        assertThat(files.text("charts/sub-0.2.0/charts/grand-0.1.0/crds/g.yaml")).isEqualTo("kind: X\n");
        assertThat(ChartFiles.read(chart).fingerprint()).as("stable").isEqualTo(files.fingerprint());
    }

    @Test
    void aPackedSubchartThatClaimsMoreThanTheLimitIsRefusedWithoutBeingInflated() throws IOException {
        byte[] bomb = gzip(header("bomb/Chart.yaml", 1L << 34));
        Path chart = chart(Map.of("charts/bomb-1.0.0.tgz", bomb));

        assertThatThrownBy(() -> ChartFiles.read(chart)).isInstanceOf(ChartException.class)
                .hasMessageContaining("larger than " + ChartFiles.MAX_BYTES + " bytes")
                .hasMessageContaining("charts/bomb-1.0.0.tgz");
    }

    @Test
    void archivesNestedDeeperThanTheLimitAreRefused() throws IOException {
        byte[] inner = tgz("c0", Map.of("Chart.yaml", "name: c0\n"));
        for (int level = 1; level <= ChartFiles.MAX_DEPTH + 1; level++) {
            inner = tgz("c" + level, Map.of("Chart.yaml", "name: c" + level + "\n", "charts/c" + (level - 1) + ".tgz", inner));
        }
        Path chart = chart(Map.of("charts/top.tgz", inner));

        assertThatThrownBy(() -> ChartFiles.read(chart)).isInstanceOf(ChartException.class)
                .hasMessageContaining("more than " + ChartFiles.MAX_DEPTH + " deep");
    }

    @Test
    void anArchiveEntryOutsideTheChartsFolderIsRefused() throws IOException {
        byte[] evil = tgz("sub", Map.of("Chart.yaml", "name: sub\n", "../../escaped.yaml", "x: y\n"));
        Path chart = chart(Map.of("charts/sub.tgz", evil));

        assertThatThrownBy(() -> ChartFiles.read(chart)).isInstanceOf(ChartException.class)
                .hasMessageContaining("outside the chart's folder");
    }

    @Test
    void aPackedSubchartThatIsNotGzipIsNamedInTheError() throws IOException {
        Path chart = chart(Map.of("charts/broken.tgz", "not an archive".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> ChartFiles.read(chart)).isInstanceOf(ChartException.class)
                .hasMessageContaining("charts/broken.tgz");
    }

    @Test
    void aNegativeEntrySizeIsRefusedRatherThanWalkingTheBudgetBackwards() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(entry("c/Chart.yaml", "-77777777777", '0'));
        tar.writeBytes(new byte[1024]);
        Path chart = chart(Map.of("charts/neg.tgz", gzip(tar.toByteArray())));

        assertThatThrownBy(() -> ChartFiles.read(chart)).isInstanceOf(ChartException.class)
                .hasMessageContaining("whose size is not octal digits: -77777777777")
                .hasMessageContaining("charts/neg.tgz");
    }

    @Test
    void namesAreReadAsHelmReadsThemSoCrdsAndSubchartsCannotHideBehindDotsOrBackslashes() throws IOException {
        byte[] sub = tgz("sub", Map.of("Chart.yaml", "name: sub\n", "crds/s.yaml", "kind: S\n"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : Map.of("c/Chart.yaml", "name: c\n".getBytes(StandardCharsets.UTF_8),
                "c/./crds/dotted.yaml", "kind: D\n".getBytes(StandardCharsets.UTF_8),
                "c\\crds\\slashed.yaml", "kind: B\n".getBytes(StandardCharsets.UTF_8),
                "c/templates/../crds//walked.yaml", "kind: W\n".getBytes(StandardCharsets.UTF_8),
                "c/./charts/sub.tgz", sub, "x/y\\crds\\split.yaml", "kind: Y\n".getBytes(StandardCharsets.UTF_8)).entrySet()) {
            tar.writeBytes(header(file.getKey(), file.getValue().length));
            tar.writeBytes(file.getValue());
            tar.writeBytes(new byte[(512 - file.getValue().length % 512) % 512]);
        }
        // GNU long name cut at its first NUL, as Go does; a PAX header's last path wins over it.
        tar.writeBytes(meta('L', "c/crds/long.yaml\0junk"));
        tar.writeBytes(header("c/ignored-by-long-name.yaml", 0));
        tar.writeBytes(meta('L', "c/templates/overridden.yaml"));
        tar.writeBytes(meta('x', pax("path", "c/templates/first.yaml") + pax("path", "c/crds/pax.yaml")));
        tar.writeBytes(header("c/ignored-by-pax.yaml", 0));
        // A GNU header's bytes 345-499 are times, not a name prefix.
        byte[] gnu = header("c/crds/gnu.yaml", 0);
        put(gnu, 257, "ustar  \0");
        put(gnu, 345, "00000000001");
        tar.writeBytes(gnu);
        tar.writeBytes(new byte[1024]);
        Path archive = dir.resolve("c-0.1.0.tgz");
        Files.write(archive, gzip(tar.toByteArray()));

        ChartFiles files = ChartFiles.read(archive);

        assertThat(files.files().keySet()).containsExactlyInAnyOrder("Chart.yaml", "crds/dotted.yaml", "crds/slashed.yaml",
                "crds/walked.yaml", "charts/sub/Chart.yaml", "charts/sub/crds/s.yaml", "crds/split.yaml", "crds/long.yaml",
                "crds/pax.yaml", "crds/gnu.yaml");
    }

    @Test
    void linksAreRefusedSinceHelmWouldReadThemDifferentlyFromTheirSizeField() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(header("c/Chart.yaml", 0));
        tar.writeBytes(entry("c/templates/link.yaml", "1000", '2'));
        tar.writeBytes(new byte[1024]);
        Path archive = dir.resolve("link.tgz");
        Files.write(archive, gzip(tar.toByteArray()));

        assertThatThrownBy(() -> ChartFiles.read(archive)).isInstanceOf(ChartException.class)
                .hasMessageContaining("link, device or FIFO entry (c/templates/link.yaml)");
    }

    /** A GNU long-name ('L') or PAX ('x') header whose data is {@code text}, padded to whole blocks. */
    private static byte[] meta(char type, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        byte[] head = header("././@LongLink", data.length);
        head[156] = (byte) type;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return out.toByteArray();
    }

    /** One PAX record, {@code "LENGTH key=value\n"}, its length counting itself. */
    private static String pax(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.length() + 1;
        while (String.valueOf(length).length() + body.length() != length) {
            length++;
        }
        return length + body;
    }

    @Test
    void twoEntriesHelmReadsAsOneNameAreRefused() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (String name : new String[] {"c/Chart.yaml", "c/crds/x.yaml", "c/./crds/x.yaml"}) {
            tar.writeBytes(header(name, 0));
        }
        tar.writeBytes(new byte[1024]);
        Path archive = dir.resolve("twice.tgz");
        Files.write(archive, gzip(tar.toByteArray()));

        assertThatThrownBy(() -> ChartFiles.read(archive)).isInstanceOf(ChartException.class)
                .hasMessageContaining("crds/x.yaml twice");
    }

    /** A header with a size field as given and an entry type, and no content. */
    private static byte[] entry(String name, String sizeField, char type) {
        byte[] header = header(name, 0);
        java.util.Arrays.fill(header, 124, 136, (byte) 0);
        put(header, 124, sizeField);
        header[156] = (byte) type;
        return header;
    }

    private Path chart(Map<String, byte[]> extra) throws IOException {
        Path root = Files.createDirectories(dir.resolve("top"));
        Files.writeString(root.resolve("Chart.yaml"), "apiVersion: v2\nname: top\nversion: 0.1.0\n");
        Files.createDirectories(root.resolve("templates"));
        Files.writeString(root.resolve("templates/cm.yaml"), "kind: ConfigMap\n");
        for (Map.Entry<String, byte[]> file : extra.entrySet()) {
            Files.createDirectories(root.resolve(file.getKey()).getParent());
            Files.write(root.resolve(file.getKey()), file.getValue());
        }
        return root;
    }

    /** A gzipped ustar archive of {@code files} (String or byte[] contents) under {@code top/}, as helm package writes. */
    private static byte[] tgz(String top, Map<String, ?> files) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Map.Entry<String, ?> file : new LinkedHashMap<>(files).entrySet()) {
            byte[] content = file.getValue() instanceof byte[] bytes ? bytes
                    : String.valueOf(file.getValue()).getBytes(StandardCharsets.UTF_8);
            tar.writeBytes(header(top + "/" + file.getKey(), content.length));
            tar.writeBytes(content);
            tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
        }
        tar.writeBytes(new byte[1024]);
        return gzip(tar.toByteArray());
    }

    private static byte[] header(String name, long size) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", size));
        header[156] = '0';
        put(header, 257, "ustar");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum) + "\0 ");
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

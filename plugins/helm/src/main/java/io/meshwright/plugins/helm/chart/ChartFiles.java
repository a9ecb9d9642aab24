package io.meshwright.plugins.helm.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The files of one chart, by path relative to the chart's root (a packaged chart's top folder is dropped), read
 * from a chart directory or a {@code .tgz}, with a fingerprint over names and contents.
 */
public record ChartFiles(Path origin, Map<String, byte[]> files, String fingerprint) {

    /** A chart bigger than this is refused: Helm's own limit for an archive is 20 MiB decompressed. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    public static ChartFiles read(Path chart) {
        try {
            Map<String, byte[]> files = Files.isDirectory(chart) ? fromDirectory(chart) : fromArchive(chart);
            if (!files.containsKey("Chart.yaml")) {
                throw new ChartException(chart + " is not a Helm chart: it has no Chart.yaml at its root");
            }
            return new ChartFiles(chart, files, fingerprint(files));
        } catch (IOException e) {
            throw new ChartException("cannot read chart " + chart + ": " + e.getMessage(), e);
        }
    }

    public boolean has(String path) {
        return files.containsKey(path);
    }

    public String text(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> fromDirectory(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        long[] total = {0};
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                byte[] bytes = Files.readAllBytes(file);
                total[0] += bytes.length;
                if (total[0] > MAX_BYTES) {
                    throw new ChartException("chart " + root + " is larger than " + MAX_BYTES + " bytes");
                }
                files.put(root.relativize(file).toString().replace('\\', '/'), bytes);
            }
        }
        return files;
    }

    /** A minimal ustar reader (with GNU long names and PAX paths), enough for what {@code helm package} writes. */
    private static Map<String, byte[]> fromArchive(Path archive) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            String longName = null;
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512 || header[0] == 0) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                total += size;
                if (total > MAX_BYTES) {
                    throw new ChartException("chart archive " + archive + " is larger than " + MAX_BYTES + " bytes");
                }
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                switch (type) {
                    case 'L' -> longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                    case 'x' -> longName = paxPath(content);
                    case '0', '\0' -> {
                        String path = longName != null ? longName : name;
                        longName = null;
                        int slash = path.indexOf('/');
                        if (slash > 0) {
                            files.put(path.substring(slash + 1), content);
                        }
                    }
                    default -> longName = null;
                }
            }
        }
        return files;
    }

    private static String paxPath(byte[] content) {
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String fingerprint(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] readCapped(InputStream in, long max, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max) {
                throw new ChartException(what + " is larger than " + max + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}

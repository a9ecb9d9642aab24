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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The files of one chart, by path relative to the chart's root (a packaged chart's top folder is dropped), read
 * from a chart directory or a {@code .tgz}, with a fingerprint over names and contents.
 *
 * <p>Subcharts packed as archives ({@code charts/NAME.tgz}, at any depth) are expanded into folders
 * ({@code charts/NAME/...}, the archive's name without {@code .tgz}), recursively, as Helm loads them: so their
 * {@code crds/} and hook templates are seen like those of unpacked subcharts, and a copy of these files written
 * to disk is still a chart Helm loads the same way. Like Helm, archives whose names start with {@code _} or
 * {@code .} are not subcharts and stay as they are. The fingerprint is over the files as given (archives as
 * archives), so it does not change with how they are expanded.
 *
 * <p>Everything read is bounded: {@link #MAX_BYTES} decompressed bytes and {@link #MAX_FILES} files for the chart
 * and all its packed subcharts together, {@link #MAX_DEPTH} levels of archives inside archives. A chart beyond
 * any bound (a decompression bomb, say) is refused with a {@link ChartException} that names the bound.
 */
public record ChartFiles(Path origin, Map<String, byte[]> files, String fingerprint) {

    /** A chart bigger than this is refused: Helm's own limit for an archive is 20 MiB decompressed. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** At most this many files in a chart, its packed subcharts' included. */
    static final int MAX_FILES = 20_000;
    /** Packed subcharts inside packed subcharts, at most this deep. */
    static final int MAX_DEPTH = 8;

    private static final Pattern PACKED_SUBCHART = Pattern.compile("((?:charts/[^/]+/)*charts/)([^/_.][^/]*)\\.tgz");

    public static ChartFiles read(Path chart) {
        Budget budget = new Budget(chart.toString());
        try {
            Map<String, byte[]> files;
            if (Files.isDirectory(chart)) {
                files = fromDirectory(chart, budget);
            } else {
                try (InputStream in = Files.newInputStream(chart)) {
                    files = fromArchive(in, "chart archive " + chart, budget);
                }
            }
            if (!files.containsKey("Chart.yaml")) {
                throw new ChartException(chart + " is not a Helm chart: it has no Chart.yaml at its root");
            }
            return new ChartFiles(chart, expandPacked(files, chart.toString(), budget, 1), fingerprint(files));
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

    /** What a chart may still hold: bytes and files left, counted over every level of packed subcharts. */
    private static final class Budget {
        private final String chart;
        private long bytes;
        private int count;

        Budget(String chart) {
            this.chart = chart;
        }

        void add(long size, String where) {
            bytes += size;
            count++;
            if (bytes > MAX_BYTES) {
                throw new ChartException("chart " + chart + " is larger than " + MAX_BYTES + " bytes decompressed (at "
                        + where + ")");
            }
            if (count > MAX_FILES) {
                throw new ChartException("chart " + chart + " has more than " + MAX_FILES + " files (at " + where + ")");
            }
        }
    }

    /** Replaces every packed subchart ({@code charts/NAME.tgz}) by its files under {@code charts/NAME/}, recursively. */
    private static Map<String, byte[]> expandPacked(Map<String, byte[]> files, String where, Budget budget, int depth)
            throws IOException {
        Map<String, byte[]> expanded = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Matcher packed = PACKED_SUBCHART.matcher(file.getKey());
            if (!packed.matches()) {
                put(expanded, file.getKey(), file.getValue(), where);
                continue;
            }
            String archive = where + "!" + file.getKey();
            if (depth > MAX_DEPTH) {
                throw new ChartException("chart " + budget.chart + " nests packed subcharts more than " + MAX_DEPTH
                        + " deep (at " + archive + ")");
            }
            Map<String, byte[]> subchart;
            try (InputStream in = new java.io.ByteArrayInputStream(file.getValue())) {
                subchart = fromArchive(in, "subchart archive " + archive, budget);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new ChartException("subchart archive " + archive + " is not a gzipped tar: " + e.getMessage(), e);
            }
            if (!subchart.containsKey("Chart.yaml")) {
                throw new ChartException("subchart archive " + archive + " is not a Helm chart: it has no Chart.yaml");
            }
            String folder = packed.group(1) + packed.group(2) + "/";
            for (Map.Entry<String, byte[]> inner : expandPacked(subchart, archive, budget, depth + 1).entrySet()) {
                if (files.containsKey(folder + inner.getKey())) {
                    throw new ChartException("subchart archive " + archive + " unpacks to " + folder + inner.getKey()
                            + ", which the chart also has as a file: remove one of them");
                }
                put(expanded, folder + inner.getKey(), inner.getValue(), where);
            }
        }
        return expanded;
    }

    private static void put(Map<String, byte[]> files, String path, byte[] content, String where) {
        if (files.putIfAbsent(path, content) != null) {
            throw new ChartException("chart " + where + " has " + path + " twice (a packed subchart and a folder of the"
                    + " same name?)");
        }
    }

    private static Map<String, byte[]> fromDirectory(Path root, Budget budget) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String path = root.relativize(file).toString().replace('\\', '/');
                budget.add(Files.size(file), path);
                files.put(path, Files.readAllBytes(file));
            }
        }
        return files;
    }

    /**
     * A minimal tar reader for what {@code helm package} writes, reading each entry as Go's {@code archive/tar} and
     * Helm's loader do, so that what Meshwright predicts from these files is what Helm installs: the ustar prefix only
     * in POSIX headers, GNU long names cut at their first NUL, PAX records by their length (the last {@code path}
     * wins over a GNU long name), no data for folder entries, the end only at an all-zero block. Links, devices and
     * FIFOs, and PAX {@code size} records, are refused: Helm would read them differently from their size field, and
     * no chart needs them. An entry's size is checked against the budget before it is read, so a bomb is refused
     * without being inflated.
     */
    private static Map<String, byte[]> fromArchive(InputStream raw, String what, Budget budget) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(raw)) {
            String longName = null;
            String paxName = null;
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512 || allZero(header)) {
                    break;
                }
                String name = field(header, 0, 100);
                boolean posix = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                        && header[261] == 'r' && header[262] == 0;
                String prefix = posix ? field(header, 345, 155) : "";
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                char type = (char) header[156];
                if (type == '1' || type == '2' || type == '3' || type == '4' || type == '6') {
                    throw new ChartException(what + " has a link, device or FIFO entry (" + name + "): chart archives"
                            + " hold plain files only");
                }
                long size = type == '5' ? 0 : size(header, what, name);
                budget.add(size, what + ": " + name);
                byte[] content = in.readNBytes((int) size);
                if (content.length < size) {
                    throw new ChartException(what + " ends inside its entry " + name);
                }
                in.skipNBytes((512 - size % 512) % 512);
                switch (type) {
                    case 'L' -> longName = untilNul(content);
                    case 'x' -> paxName = paxPath(content, what, name);
                    case 'g', 'K' -> { } // global extension header, GNU long link name: not entries
                    case '5' -> {
                        longName = null;
                        paxName = null;
                    }
                    default -> {
                        String path = helmPath(paxName != null ? paxName : longName != null ? longName : name, what);
                        longName = null;
                        paxName = null;
                        if (files.putIfAbsent(path, content) != null) {
                            throw new ChartException(what + " has " + path + " twice (after Helm's reading of its names):"
                                    + " Helm would load both");
                        }
                    }
                }
            }
        }
        return files;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String untilNul(byte[] content) {
        int end = 0;
        while (end < content.length && content[end] != 0) {
            end++;
        }
        return new String(content, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * An entry's size: plain octal digits (space or NUL padded), as ustar writes it. Anything else (a sign, GNU's
     * base-256 for entries of 8 GiB and more) is refused: a negative size would walk the budget backwards.
     */
    private static long size(byte[] header, String what, String name) {
        if ((header[124] & 0x80) != 0) {
            throw new ChartException(what + " has an entry " + name + " with a base-256 size (8 GiB or more)");
        }
        String field = field(header, 124, 12).trim();
        if (field.isEmpty()) {
            return 0;
        }
        if (!field.chars().allMatch(c -> c >= '0' && c <= '7') || field.length() > 12) {
            throw new ChartException(what + " has an entry " + name + " whose size is not octal digits: " + field);
        }
        return Long.parseLong(field, 8);
    }

    /**
     * The name Helm's archive loader gives an entry: split on backslashes if the name has one, else on slashes; the
     * chart's top folder dropped; then cleaned as Go's {@code path.Clean} ({@code .} and empty segments removed,
     * {@code a/../b} resolved). A name Helm refuses (absolute, outside the chart, or the top folder alone) is refused
     * here with what is wrong.
     */
    static String helmPath(String entry, String what) {
        String delimiter = entry.indexOf('\\') >= 0 ? "\\" : "/";
        int first = entry.indexOf(delimiter);
        String relative = first < 0 ? "" : entry.substring(first + 1).replace(delimiter, "/");
        if (relative.startsWith("/")) {
            throw new ChartException(what + " has an entry with an absolute path: " + entry);
        }
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new ChartException(what + " has an entry outside the chart's folder: " + entry);
                }
                segments.removeLast();
                continue;
            }
            segments.addLast(segment);
        }
        String clean = String.join("/", segments);
        if (clean.isEmpty()) {
            throw new ChartException(what + " has an entry that is not inside the chart's folder: " + entry);
        }
        if (clean.startsWith("..")) {
            throw new ChartException(what + " has an entry Helm refuses (its name starts with \"..\"): " + entry);
        }
        return clean;
    }

    /**
     * The {@code path} of a PAX extended header, read record by record ({@code "LENGTH key=value\n"}) as Go does:
     * the last {@code path} wins; null when there is none. A {@code size} record is refused (it would change how much
     * data follows), as is a record whose length does not fit.
     */
    private static String paxPath(byte[] content, String what, String name) {
        String path = null;
        int at = 0;
        while (at < content.length) {
            int space = at;
            while (space < content.length && content[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(content, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new ChartException(what + " has a malformed PAX header before " + name);
            }
            if (length <= space - at + 2 || at + length > content.length || content[at + length - 1] != '\n') {
                throw new ChartException(what + " has a malformed PAX header before " + name);
            }
            String record = new String(content, space + 1, at + length - 1 - (space + 1), StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            String key = equals < 0 ? record : record.substring(0, equals);
            if (key.equals("path")) {
                path = record.substring(equals + 1);
            } else if (key.equals("size")) {
                throw new ChartException(what + " has a PAX size record before " + name + ": not supported in charts");
            }
            at += length;
        }
        return path;
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

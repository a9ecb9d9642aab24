package io.meshwright.engine.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of the tar format the registry needs: reading regular files (ustar, GNU long names, PAX paths)
 * and writing ustar. Written here rather than pulling in a compression library for two small functions.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {}

    /** A file found in a tar; {@code content} is read through the budget. */
    record Entry(String name, byte[] content) {}

    /** Whether {@code head} looks like a tar header (ustar magic at offset 257). */
    static boolean looksLikeTar(byte[] head) {
        return head.length >= 263 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    /**
     * Reads every regular file of the tar in {@code in}; directories and devices are skipped. A hard or symbolic
     * link refuses the whole archive: the registry never writes an archive to disk, but a link's target is
     * outside what the archive holds, and an archive that relies on one is not what it seems.
     */
    static List<Entry> read(InputStream in, ExpansionBudget budget, String source) throws IOException, InputRejectedException {
        List<Entry> entries = new ArrayList<>();
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (readFully(in, header)) {
            if (isZero(header)) {
                break;
            }
            String name = longName != null ? longName : headerName(header);
            longName = null;
            long size = octal(header, 124, 12, source);
            char type = (char) header[156];
            byte[] data = budget.read(new Bounded(in, size), source + "!" + name);
            skip(in, padding(size));
            switch (type) {
                case 'L' -> longName = cString(data, 0, data.length);
                case 'x' -> longName = paxPath(data);
                case '0', '\0' -> entries.add(new Entry(name, data));
                case '1', '2' -> throw new InputRejectedException(io.meshwright.spi.Problem.error("import.link",
                        "archive entry " + name + " is a " + (type == '1' ? "hard" : "symbolic") + " link to "
                                + cString(header, 157, 100) + "; archives with links are refused (pack the files themselves)",
                        io.meshwright.spi.Location.of(source + "!" + name)));
                default -> { } // directories, links, devices and global headers carry no registry content
            }
        }
        return entries;
    }

    /** Writes {@code files} (name → content, in order) as a ustar archive, with a fixed time so output is stable. */
    static void write(List<Entry> files, OutputStream out) throws IOException {
        for (Entry file : files) {
            out.write(header(file.name(), file.content().length));
            out.write(file.content());
            out.write(new byte[(int) padding(file.content().length)]);
        }
        out.write(new byte[BLOCK * 2]);
    }

    private static byte[] header(String name, long size) {
        byte[] h = new byte[BLOCK];
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 100) {
            System.arraycopy(bytes, 0, h, 0, bytes.length);
        } else {
            int split = name.lastIndexOf('/', 155);
            byte[] prefix = name.substring(0, split).getBytes(StandardCharsets.UTF_8);
            byte[] rest = name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            if (split < 0 || prefix.length > 155 || rest.length > 100) {
                throw new IllegalArgumentException("path too long for a tar entry: " + name);
            }
            System.arraycopy(rest, 0, h, 0, rest.length);
            System.arraycopy(prefix, 0, h, 345, prefix.length);
        }
        putOctal(h, 100, 8, 0644);
        putOctal(h, 108, 8, 0);
        putOctal(h, 116, 8, 0);
        putOctal(h, 124, 12, size);
        putOctal(h, 136, 12, 0);
        h[156] = '0';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String checksum = String.format("%06o", sum);
        System.arraycopy(checksum.getBytes(StandardCharsets.US_ASCII), 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void putOctal(byte[] h, int offset, int length, long value) {
        String text = String.format("%0" + (length - 1) + "o", value);
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        String prefix = cString(h, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] data) {
        for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            String keyValue = space < 0 ? record : record.substring(space + 1);
            if (keyValue.startsWith("path=")) {
                return keyValue.substring(5);
            }
        }
        return null;
    }

    private static String cString(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int offset, int length, String source) throws InputRejectedException {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                if (value > 0) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                throw ExpansionBudget.reject("archive.corrupt", "not a readable tar archive (bad size field)", source);
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static long padding(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, block.length);
        return read == block.length;
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(Math.min(n, Math.max(0, n)));
    }

    /** Exposes only the next {@code remaining} bytes of the underlying stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new IOException("tar archive ends inside an entry");
            }
            remaining -= n;
            return n;
        }
    }

    static byte[] toBytes(List<Entry> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(files, out);
        return out.toByteArray();
    }
}

package io.meshwright.engine.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Finds the design file inside an image tarball: the {@code docker save} layout ({@code manifest.json} naming
 * layer tarballs) that Meshery's design export writes, or the OCI image layout ({@code index.json} → manifest blob
 * → layer blobs). Layers may be gzipped. The first {@code *.yml}/{@code *.yaml}/{@code *.json} file in a layer
 * that is not package metadata ({@code artifacthub-pkg.yml}) is the design.
 *
 * <p>A minimal tar reader of our own (the JDK has none); entry sizes and the total unpacked size are bounded so a
 * hostile archive cannot exhaust memory.
 */
final class OciDesignArchive {

    /** The design file found: its name inside the archive and its text. */
    record Entry(String name, byte[] content) {}

    private final long maxBytes;
    private final ObjectMapper json = new ObjectMapper();

    OciDesignArchive(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static boolean isTar(byte[] bytes) {
        return bytes.length > 262 && new String(bytes, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    Optional<Entry> design(byte[] archive) throws IOException {
        Map<String, byte[]> files = untar(archive);
        List<String> layers = new ArrayList<>();
        if (files.containsKey("manifest.json")) {
            for (JsonNode image : json.readTree(files.get("manifest.json"))) {
                image.path("Layers").forEach(layer -> layers.add(layer.asText()));
            }
        } else if (files.containsKey("index.json")) {
            for (JsonNode manifestRef : json.readTree(files.get("index.json")).path("manifests")) {
                byte[] manifest = files.get(blob(manifestRef.path("digest").asText()));
                if (manifest != null) {
                    json.readTree(manifest).path("layers").forEach(layer -> layers.add(blob(layer.path("digest").asText())));
                }
            }
        }
        for (String layer : layers) {
            byte[] content = files.get(layer);
            if (content == null) {
                continue;
            }
            Optional<Entry> found = designIn(untar(isGzip(content) ? gunzip(content) : content), layer);
            if (found.isPresent()) {
                return found;
            }
        }
        return designIn(files, null);
    }

    private static String blob(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static Optional<Entry> designIn(Map<String, byte[]> files, String layer) {
        return files.entrySet().stream()
                .filter(e -> e.getKey().matches("(?i).*\\.(ya?ml|json)$"))
                .filter(e -> !e.getKey().endsWith("artifacthub-pkg.yml") && !e.getKey().equals("manifest.json")
                        && !e.getKey().equals("index.json") && !e.getKey().startsWith("blobs/"))
                .findFirst()
                .map(e -> new Entry(e.getKey(), e.getValue()));
    }

    byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return readBounded(in, maxBytes);
        }
    }

    /** Regular files of a tar archive by name (ustar and GNU long names; other entry types are skipped). */
    Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        int offset = 0;
        String longName = null;
        while (offset + 512 <= tar.length) {
            if (isZeroBlock(tar, offset)) {
                break;
            }
            String name = cString(tar, offset, 100);
            String prefix = cString(tar, offset + 345, 155);
            long size = octal(tar, offset + 124, 12);
            byte type = tar[offset + 156];
            int dataStart = offset + 512;
            if (size < 0 || dataStart + size > tar.length) {
                throw new IOException("truncated tar entry " + name);
            }
            total += size;
            if (total > maxBytes) {
                throw new IOException("the archive unpacks to more than " + maxBytes + " bytes");
            }
            if (type == 'L') {
                longName = cString(tar, dataStart, (int) size);
            } else if (type == '0' || type == 0) {
                String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                files.put(full.startsWith("./") ? full.substring(2) : full,
                        java.util.Arrays.copyOfRange(tar, dataStart, dataStart + (int) size));
                longName = null;
            } else {
                longName = null;
            }
            offset = dataStart + (int) ((size + 511) / 512 * 512);
        }
        return files;
    }

    private static boolean isZeroBlock(byte[] tar, int offset) {
        for (int i = offset; i < offset + 512; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] bytes, int offset, int length) {
        String text = cString(bytes, offset, length).trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static byte[] readBounded(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            total += read;
            if (total > max) {
                throw new IOException("more than " + max + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}

package io.meshwright.testbed.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Generates model bundles for crash trials and benchmarks: each model has {@code components} CRD-like component
 * definitions (with an OpenAPI schema as a JSON string, as the reference system ships them) and two
 * relationships.
 */
public final class SyntheticModels {
    private SyntheticModels() {}

    /** One model as a single bundle document (model with inline components and relationships). */
    public static String bundle(String name, int components) {
        StringBuilder json = new StringBuilder(4096 * components);
        json.append("{\"schemaVersion\":\"models.meshwright.io/v1beta1\",\"name\":\"").append(name)
                .append("\",\"version\":\"v1.0.0\",\"displayName\":\"").append(name.toUpperCase())
                .append("\",\"registrant\":\"testbed\",\"category\":\"Benchmark\",\"model\":{\"version\":\"v1.2.3\"},\"components\":[");
        for (int i = 0; i < components; i++) {
            json.append(i == 0 ? "" : ",").append(component(name, i));
        }
        json.append("],\"relationships\":[").append(relationship(name, "hierarchical", "parent", "inventory", "Namespace", kind(name, 0)))
                .append(',').append(relationship(name, "edge", "binding", "mount", kind(name, 0), kind(name, 1 % Math.max(1, components))))
                .append("]}");
        return json.toString();
    }

    static String kind(String model, int index) {
        String base = model.replaceAll("[^A-Za-z0-9]", "");
        return Character.toUpperCase(base.charAt(0)) + base.substring(1) + "Kind" + index;
    }

    private static String component(String model, int index) {
        String kind = kind(model, index);
        String schema = "{\"type\":\"object\",\"description\":\"" + kind + " is a synthetic custom resource for load tests\","
                + "\"properties\":{\"apiVersion\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\"},"
                + "\"metadata\":{\"type\":\"object\"},\"spec\":{\"type\":\"object\",\"properties\":{"
                + "\"replicas\":{\"type\":\"integer\",\"minimum\":0},\"image\":{\"type\":\"string\"},"
                + "\"ports\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
                + "\"port\":{\"type\":\"integer\"}}}},\"selector\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}},"
                + "\"config\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}},"
                + "\"status\":{\"type\":\"object\",\"properties\":{\"ready\":{\"type\":\"boolean\"},\"message\":{\"type\":\"string\"}}}}}";
        return "{\"schemaVersion\":\"components.meshwright.io/v1beta1\",\"version\":\"v1.0.0\",\"displayName\":\"" + kind
                + " Resource\",\"description\":\"\",\"format\":\"JSON\",\"status\":\"enabled\","
                + "\"metadata\":{\"isNamespaced\":true,\"isAnnotation\":false},"
                + "\"styles\":{\"primaryColor\":\"#00B39F\",\"shape\":\"circle\"},"
                + "\"component\":{\"version\":\"" + model + ".example.com/v1\",\"kind\":\"" + kind + "\",\"schema\":"
                + quote(schema) + "}}";
    }

    private static String relationship(String model, String kind, String type, String subType, String from, String to) {
        return "{\"schemaVersion\":\"relationships.meshwright.io/v1beta1\",\"version\":\"v1.0.0\",\"kind\":\"" + kind
                + "\",\"type\":\"" + type + "\",\"subType\":\"" + subType + "\",\"status\":\"enabled\",\"selectors\":[{\"allow\":{"
                + "\"from\":[{\"kind\":\"" + from + "\",\"model\":{\"name\":\"" + (from.equals("Namespace") ? "kubernetes" : model) + "\"}}],"
                + "\"to\":[{\"kind\":\"" + to + "\",\"model\":{\"name\":\"" + model + "\"}}]}}]}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code models} bundles in the package layout, as one tar.gz. */
    public static byte[] packageTarGz(int models, int components) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (int m = 0; m < models; m++) {
                String name = String.format("bench-%04d", m);
                writeTarEntry(gzip, name + "/v1.2.3/v1.0.0/model.json", bundle(name, components).getBytes(StandardCharsets.UTF_8));
            }
            gzip.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    /** A minimal ustar entry (name ≤ 100 bytes), enough for generated test input. */
    private static void writeTarEntry(java.io.OutputStream out, String name, byte[] content) throws IOException {
        byte[] header = new byte[512];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        put(header, 100, String.format("%07o", 0644));
        put(header, 108, String.format("%07o", 0));
        put(header, 116, String.format("%07o", 0));
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        header[263] = '0';
        header[264] = '0';
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        out.write(header);
        out.write(content);
        int pad = (512 - content.length % 512) % 512;
        out.write(new byte[pad]);
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}

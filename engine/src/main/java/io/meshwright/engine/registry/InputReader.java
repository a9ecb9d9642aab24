package io.meshwright.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.spi.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Turns what the user points at (a directory, a file, uploaded bytes) into plain {@link InputFile}s: archives
 * (tar, tar.gz, zip, nested ones too) are unpacked in memory, OCI image layouts and {@code docker save} tars
 * are resolved to their layers. Hostile archives (entries escaping with {@code ..} or absolute paths, bombs,
 * oversized files) refuse the whole input, so nothing from it is stored half.
 */
final class InputReader {
    private final ObjectMapper json;

    InputReader(ObjectMapper json) {
        this.json = json;
    }

    /** The files under {@code path} (a directory or one file). */
    List<InputFile> read(Path path, ExpansionBudget budget) throws IOException, InputRejectedException {
        if (Files.isDirectory(path)) {
            return readDirectory(path, budget);
        }
        long size = Files.size(path);
        if (size > budget.limits().maxFileBytes()) {
            throw ExpansionBudget.reject("file.too-large", "file is " + size + " bytes, larger than the limit of "
                    + budget.limits().maxFileBytes() + " bytes; it was not read", path.toString());
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(path)) {
            content = budget.read(in, path.toString());
        }
        return expand(path.getFileName().toString(), path.toString(), content, budget, 0);
    }

    /** The files in uploaded {@code content} named {@code name}. */
    List<InputFile> read(String name, byte[] content, ExpansionBudget budget) throws IOException, InputRejectedException {
        if (content.length > budget.limits().maxFileBytes()) {
            throw ExpansionBudget.reject("file.too-large", "upload is " + content.length
                    + " bytes, larger than the limit of " + budget.limits().maxFileBytes() + " bytes", name);
        }
        return expand(baseName(name), name, content, budget, 0);
    }

    private List<InputFile> readDirectory(Path root, ExpansionBudget budget) throws IOException, InputRejectedException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        }
        boolean ociLayout = Files.isRegularFile(root.resolve("oci-layout"));
        for (Path file : paths) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (skipped(relative) || !(ociLayout || readable(relative))) {
                continue;
            }
            if (Files.size(file) > budget.limits().maxFileBytes()) {
                throw ExpansionBudget.reject("file.too-large", "file is " + Files.size(file)
                        + " bytes, larger than the limit of " + budget.limits().maxFileBytes() + " bytes", file.toString());
            }
            try (InputStream in = Files.newInputStream(file)) {
                files.put(relative, budget.read(in, file.toString()));
            }
        }
        return unpackTree(files, root.toString(), "/", budget, 0);
    }

    /** Unpacks {@code content} if it is an archive; otherwise it is one file. */
    private List<InputFile> expand(String name, String source, byte[] content, ExpansionBudget budget, int depth)
            throws IOException, InputRejectedException {
        if (depth > budget.limits().maxNestingDepth() || depth > 8) {
            throw ExpansionBudget.reject("archive.too-deep", "archives nested too deeply", source);
        }
        if (isGzip(content)) {
            byte[] inner;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
                inner = budget.read(in, source);
            }
            String innerName = stripExtension(name, ".gz", ".tgz", ".tar.gz");
            return expand(innerName, source, inner, budget, depth + 1);
        }
        if (isZip(content)) {
            return unpackTree(zipEntries(content, source, budget), source, "!", budget, depth + 1);
        }
        if (Tar.looksLikeTar(content)) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (Tar.Entry entry : Tar.read(new ByteArrayInputStream(content), budget, source)) {
                files.put(safeName(entry.name(), source), entry.content());
            }
            return unpackTree(files, source, "!", budget, depth + 1);
        }
        return List.of(new InputFile(name, source, content));
    }

    private Map<String, byte[]> zipEntries(byte[] content, String source, ExpansionBudget budget)
            throws IOException, InputRejectedException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = safeName(entry.getName(), source);
                if (!entry.isDirectory()) {
                    files.put(name, budget.read(zip, source + "!" + name));
                }
            }
        }
        return files;
    }

    /** Files unpacked from one archive or directory: resolves OCI layouts, recurses into nested archives. */
    private List<InputFile> unpackTree(Map<String, byte[]> files, String source, String separator, ExpansionBudget budget, int depth)
            throws IOException, InputRejectedException {
        Map<String, byte[]> layers = ociLayers(files, source);
        if (layers == null) {
            layers = dockerSaveLayers(files, source);
        }
        if (layers != null) {
            List<InputFile> result = new ArrayList<>();
            for (Map.Entry<String, byte[]> layer : layers.entrySet()) {
                for (InputFile file : expand(layer.getKey(), source + "!" + layer.getKey(), layer.getValue(), budget, depth + 1)) {
                    result.add(file);
                }
            }
            return result;
        }
        List<InputFile> result = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (skipped(file.getKey())) {
                continue;
            }
            String entrySource = source + separator + file.getKey();
            byte[] content = file.getValue();
            if (isGzip(content) || isZip(content) || Tar.looksLikeTar(content)) {
                for (InputFile inner : expand(baseName(file.getKey()), entrySource, content, budget, depth + 1)) {
                    result.add(new InputFile(folderOf(file.getKey()) + inner.path(), inner.source(), inner.content()));
                }
            } else {
                result.add(new InputFile(file.getKey(), entrySource, content));
            }
        }
        return result;
    }

    /** The layers of an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/}), or null. */
    private Map<String, byte[]> ociLayers(Map<String, byte[]> files, String source) throws InputRejectedException {
        if (!files.containsKey("oci-layout") || !files.containsKey("index.json")) {
            return null;
        }
        Map<String, byte[]> layers = new LinkedHashMap<>();
        for (JsonNode manifestRef : tree(files.get("index.json"), source + "!index.json").path("manifests")) {
            JsonNode manifest = tree(blob(files, manifestRef.path("digest").asText(), source), source);
            for (JsonNode layer : manifest.path("layers")) {
                String digest = layer.path("digest").asText();
                layers.put(digest.replace(':', '-') + ".tar.gz", blob(files, digest, source));
            }
        }
        return layers;
    }

    /** The layers of a {@code docker save} tar ({@code manifest.json} listing {@code Layers}), or null. */
    private Map<String, byte[]> dockerSaveLayers(Map<String, byte[]> files, String source) throws InputRejectedException {
        if (!files.containsKey("manifest.json")) {
            return null;
        }
        JsonNode manifest = tree(files.get("manifest.json"), source + "!manifest.json");
        if (!manifest.isArray() || !manifest.path(0).has("Layers")) {
            return null;
        }
        Map<String, byte[]> layers = new LinkedHashMap<>();
        for (JsonNode image : manifest) {
            for (JsonNode layer : image.path("Layers")) {
                byte[] content = files.get(layer.asText());
                if (content == null) {
                    throw ExpansionBudget.reject("oci.missing-blob", "image layer " + layer.asText() + " is missing", source);
                }
                layers.put(layer.asText(), content);
            }
        }
        return layers;
    }

    private static byte[] blob(Map<String, byte[]> files, String digest, String source) throws InputRejectedException {
        byte[] content = files.get("blobs/" + digest.replace(':', '/'));
        if (content == null) {
            throw ExpansionBudget.reject("oci.missing-blob", "OCI layout refers to blob " + digest + ", which it does not contain", source);
        }
        return content;
    }

    private JsonNode tree(byte[] content, String source) throws InputRejectedException {
        try {
            return json.readTree(content);
        } catch (IOException e) {
            throw ExpansionBudget.reject("oci.corrupt", "unreadable OCI metadata: " + e.getMessage(), source);
        }
    }

    /** Refuses entry names that would escape the archive (zip-slip): absolute paths, drive letters, {@code ..}. */
    static String safeName(String raw, String source) throws InputRejectedException {
        String name = raw.replace('\\', '/');
        boolean absolute = name.startsWith("/") || name.matches("^[A-Za-z]:.*");
        boolean escapes = false;
        for (String segment : name.split("/")) {
            escapes |= segment.equals("..");
        }
        if (absolute || escapes) {
            throw new InputRejectedException(Problem.error("archive.path-traversal", "archive entry '" + raw
                    + "' points outside the archive (absolute path or '..'); the whole archive was refused",
                    io.meshwright.spi.Location.of(source)));
        }
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        return name;
    }

    /** Files an import can use; icons, docs and policies beside the definitions are not even read. */
    private static boolean readable(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".csv")
                || name.endsWith(".tar") || name.endsWith(".tgz") || name.endsWith(".tar.gz") || name.endsWith(".gz")
                || name.endsWith(".zip");
    }

    /** Template and hidden folders ({@code _model_template}, {@code .git}, {@code __MACOSX}) are not models. */
    static boolean skipped(String relativePath) {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGzip(byte[] b) {
        return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private static boolean isZip(byte[] b) {
        return b.length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static String baseName(String name) {
        String normal = name.replace('\\', '/');
        return normal.substring(normal.lastIndexOf('/') + 1);
    }

    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    private static String stripExtension(String name, String... extensions) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String extension : extensions) {
            if (lower.endsWith(extension)) {
                String base = name.substring(0, name.length() - extension.length());
                return extension.equals(".gz") ? base : base + ".tar";
            }
        }
        return name;
    }
}

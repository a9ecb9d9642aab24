package io.meshwright.plugins.helm.contract;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The plugin zip as the assembly lays it out ({@code plugin.properties}, {@code lib/} with helm-java, its native
 * library, Jackson and SnakeYAML), with this build's classes in {@code classes/}: tests run before {@code package}
 * makes the real zip, so they build the same layout from what Maven compiled and resolved. Stored, not deflated:
 * the jars are compressed already and the native one is 98 MB.
 */
final class PluginZip {

    private static final List<String> PRIVATE_JARS = List.of("helm-java", "lib-api", "linux-amd64", "jna-jpms",
            "jna-platform-jpms", "jackson-databind", "jackson-core", "jackson-annotations", "jackson-dataformat-yaml",
            "snakeyaml");

    private PluginZip() {}

    static Path build(Path zip) {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(Deflater.NO_COMPRESSION);
            put(out, "plugin.properties", "plugin.id=helm\nplugin.version=0.1.0\nplugin.provider=Meshwright\n".getBytes());
            Path classes = Path.of("target/classes");
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    put(out, "classes/" + classes.relativize(file).toString().replace(File.separatorChar, '/'),
                            Files.readAllBytes(file));
                }
            }
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                String name = Path.of(entry).getFileName().toString();
                if (name.endsWith(".jar") && PRIVATE_JARS.stream().anyMatch(p -> name.matches(p + "-[0-9].*"))) {
                    put(out, "lib/" + name, Files.readAllBytes(Path.of(entry)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }

    /** Removes a helm.zip an earlier {@code package} put into the distribution: it would be a second plugin "helm". */
    static void removeFromDistribution() throws IOException {
        Path dist = Path.of(System.getProperty("meshwright.distribution", "../../engine/target/meshwright"));
        Files.deleteIfExists(dist.resolve("plugins/helm.zip"));
        // PF4J unpacks a zip into a folder beside it and loads that folder even once the zip is gone: a folder left by
        // an earlier build's engine would bring that build's classes back instead of the zip the test hands over.
        Path unpacked = dist.resolve("plugins/helm");
        if (Files.isDirectory(unpacked)) {
            try (var files = Files.walk(unpacked)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }
}

package io.meshwright.plugins.git.contract;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The plugin zip as the assembly lays it out ({@code plugin.properties}, {@code lib/} with JGit, its SSH transport, Jackson YAML and
 * their dependencies), with this build's classes in {@code classes/}: tests run before {@code package} makes the
 * real zip, so they build the same layout from what Maven compiled and resolved.
 */
public final class PluginZip {

    private static final List<String> PRIVATE_JARS = List.of("org.eclipse.jgit", "org.eclipse.jgit.ssh.apache",
            "sshd-osgi", "sshd-sftp", "eddsa", "JavaEWAH", "commons-codec",
            "jackson-databind", "jackson-core", "jackson-annotations", "jackson-dataformat-yaml", "snakeyaml");

    private PluginZip() {}

    public static Path build(Path zip) {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "plugin.properties", "plugin.id=git\nplugin.version=0.1.0\nplugin.provider=Meshwright\n".getBytes());
            Path classes = Path.of("target/classes");
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    put(out, "classes/" + classes.relativize(file).toString().replace(File.separatorChar, '/'), Files.readAllBytes(file));
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

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        OutputStream stream = out;
        stream.write(content);
        out.closeEntry();
    }
}

package io.meshwright.engine.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a real plugin jar: a manifest with the plugin's id and version, the given extension classes (their
 * bytes copied from the test class path) and the {@code META-INF/extensions.idx} that lists them.
 */
final class TestPluginJar {

    private final String id;
    private final List<Class<?>> extensions = new ArrayList<>();

    TestPluginJar(String id) {
        this.id = id;
    }

    TestPluginJar extension(Class<?> type) {
        extensions.add(type);
        return this;
    }

    Path writeTo(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", "1.2.3");
        main.putValue("Plugin-Provider", "tests");
        Path jar = dir.resolve(id + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            StringBuilder index = new StringBuilder();
            for (Class<?> type : extensions) {
                String resource = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream bytes = type.getClassLoader().getResourceAsStream(resource)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
                index.append(type.getName()).append('\n');
            }
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write(index.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}

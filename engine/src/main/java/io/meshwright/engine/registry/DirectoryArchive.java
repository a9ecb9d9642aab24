package io.meshwright.engine.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Packs a folder (a model package) into a gzipped tar, so that the CLI can upload a local folder: the engine
 * reads no paths over its API. Regular files only, under the folder's own name; symbolic links are not followed.
 */
public final class DirectoryArchive {

    private DirectoryArchive() {}

    /** {@code dir} as a {@code .tar.gz}; refuses more than {@code maxBytes} of file content. */
    public static byte[] tarGz(Path dir, long maxBytes) {
        List<Tar.Entry> entries = new ArrayList<>();
        long total = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted().toList()) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                total += Files.size(file);
                if (total > maxBytes) {
                    throw new IllegalArgumentException("cannot upload " + dir + ": its files hold more than " + maxBytes + " bytes");
                }
                String name = dir.getFileName() + "/" + dir.relativize(file).toString().replace('\\', '/');
                entries.add(new Tar.Entry(name, Files.readAllBytes(file)));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                Tar.write(entries, gzip);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + dir + " for upload", e);
        }
    }
}

package io.meshwright.engine.sources;

import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An OCI image layout holding model files in its layers ({@code oci-layout}, {@code index.json}, {@code blobs/}),
 * as {@code model export --format oci} writes it: a folder, or a tar of one.
 */
final class OciLayoutSource implements ModelSource {

    /** How many tar entries to look at for {@code oci-layout}; layouts put it among the first few. */
    private static final int ENTRIES_LOOKED_AT = 64;

    private final LocalFiles files;

    OciLayoutSource(LocalFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "oci-layout";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return isLayoutFolder(ref) || (LocalFiles.isFileEndingWith(ref, ".tar") && holdsLayout(LocalFiles.path(ref).orElseThrow()));
    }

    static boolean isLayoutFolder(SourceRef ref) {
        return LocalFiles.path(ref).filter(Files::isDirectory).map(p -> Files.isRegularFile(p.resolve("oci-layout"))).orElse(false);
    }

    /** Reads tar headers only (skipping the content) until it finds an {@code oci-layout} entry. */
    private static boolean holdsLayout(Path tar) {
        try (InputStream in = Files.newInputStream(tar)) {
            byte[] header = new byte[512];
            for (int i = 0; i < ENTRIES_LOOKED_AT; i++) {
                if (in.readNBytes(header, 0, 512) < 512 || header[0] == 0) {
                    return false;
                }
                String name = text(header, 0, 100);
                if (name.equals("oci-layout") || name.equals("./oci-layout")) {
                    return true;
                }
                long size = Long.parseLong(text(header, 124, 12).isBlank() ? "0" : text(header, 124, 12).strip(), 8);
                in.skipNBytes((size + 511) / 512 * 512);
            }
            return false;
        } catch (IOException | NumberFormatException e) {
            return false; // not a tar we can read: the archive source will say what is wrong with it
        }
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.US_ASCII);
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        return files.read(ref, previousFingerprint);
    }
}

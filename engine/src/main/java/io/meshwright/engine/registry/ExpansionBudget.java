package io.meshwright.engine.registry;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what one import unpacks, so archive bombs and oversized files stop with a clear problem instead of
 * exhausting memory. Sizes are counted as bytes are read, never taken from archive headers.
 */
final class ExpansionBudget {
    private final ImportLimits limits;
    private long expanded;
    private int entries;

    ExpansionBudget(ImportLimits limits) {
        this.limits = limits;
    }

    ImportLimits limits() {
        return limits;
    }

    /** Reads {@code in} fully, failing once it passes the per-file or the whole-import limit. */
    byte[] read(InputStream in, String source) throws IOException, InputRejectedException {
        if (++entries > limits.maxEntries()) {
            throw reject("archive.too-many-entries", "more than " + limits.maxEntries()
                    + " files in one import; nothing from it was imported", source);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            size += n;
            expanded += n;
            if (size > limits.maxFileBytes()) {
                throw reject("file.too-large", "file is larger than the limit of " + limits.maxFileBytes()
                        + " bytes; nothing from it was imported", source);
            }
            if (expanded > limits.maxExpandedBytes()) {
                throw reject("archive.too-large", "unpacked content passes the limit of " + limits.maxExpandedBytes()
                        + " bytes (an archive bomb?); nothing from this import was stored", source);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static InputRejectedException reject(String code, String message, String source) {
        return new InputRejectedException(Problem.error(code, message, Location.of(source)));
    }
}

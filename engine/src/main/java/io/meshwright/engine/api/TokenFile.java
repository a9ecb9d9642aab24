package io.meshwright.engine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The engine's API token, kept in {@code <data-dir>/token}, readable by its owner only (mode 0600). The engine
 * creates it at first start; the CLI reads it from there (or from {@code MESHWRIGHT_TOKEN}).
 */
public final class TokenFile {

    /** The file name under the data directory. */
    public static final String NAME = "token";

    private TokenFile() {}

    /** The token in {@code dataDir}, created (256 random bits, URL-safe Base64) when there is none yet. */
    public static String loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(NAME);
        Optional<String> existing = read(dataDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        try {
            Files.createDirectories(dataDir);
            // Created with its permissions in one step, so the token is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
            return token;
        } catch (FileAlreadyExistsException raced) {
            return read(dataDir).orElseThrow(() -> new IllegalStateException(file + " exists but is empty"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the API token at " + file, e);
        }
    }

    /** The token stored in {@code dataDir}, if there is one. */
    public static Optional<String> read(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token at " + file, e);
        }
    }
}

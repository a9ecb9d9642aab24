package io.meshwright.testkit;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique namespace names for one handle: {@code mw-<hint>-<5 random chars>-<n>}, always a DNS-1123 label
 * (lower-case letters, digits and '-', alphanumeric at both ends, at most 63 characters).
 */
final class NamespaceNames {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_HINT = 40;

    private final String token;
    private final AtomicInteger counter = new AtomicInteger();

    NamespaceNames(SecureRandom random) {
        StringBuilder chars = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            chars.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        this.token = chars.toString();
    }

    String next(String hint) {
        return "mw-" + sanitize(hint) + "-" + token + "-" + counter.incrementAndGet();
    }

    static String sanitize(String hint) {
        String cleaned = (hint == null ? "" : hint)
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")   // camelCase test names read better split
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+", "");
        if (cleaned.length() > MAX_HINT) {
            cleaned = cleaned.substring(0, MAX_HINT);
        }
        cleaned = cleaned.replaceAll("-+$", "");
        return cleaned.isEmpty() ? "test" : cleaned;
    }
}

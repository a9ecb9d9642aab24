package io.meshwright.engine.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads PEM files with the JDK alone (no BouncyCastle): certificates, an unencrypted PKCS#8 private key (RSA,
 * EC or Ed25519; what {@code openssl req -newkey … -nodes} writes), and a client {@link SSLContext} trusting a CA
 * file. A file that is not what it should be is an {@link IllegalArgumentException} naming it and the fix.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private PemFiles() {}

    /** Every certificate in {@code file}, in order (leaf first for a chain). */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("cannot read the certificate in " + file + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The private key in {@code file}. */
    public static PrivateKey privateKey(Path file) {
        for (Block block : blocks(file)) {
            if (block.type().equals("PRIVATE KEY")) {
                for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
                    } catch (GeneralSecurityException e) {
                        // not this algorithm; try the next
                    }
                }
                throw new IllegalArgumentException("the private key in " + file + " is neither RSA, EC nor Ed25519");
            }
            if (block.type().endsWith("PRIVATE KEY")) {
                throw new IllegalArgumentException(file + " holds a " + block.type() + "; convert it to unencrypted PKCS#8 "
                        + "with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
            }
        }
        throw new IllegalArgumentException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** A TLS client context that trusts the certificates in {@code caFile} (and nothing else). */
    public static SSLContext trusting(Path caFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate certificate : certificates(caFile)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot trust the certificates in " + caFile + ": " + e.getMessage(), e);
        }
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2).strip())));
        }
        return blocks;
    }
}

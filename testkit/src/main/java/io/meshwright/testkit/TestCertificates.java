package io.meshwright.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private CA made by {@code openssl} for one test (installed by {@code .ci/run}), as a nats-server operator would
 * make one: {@code ca.pem}, a server certificate for 127.0.0.1 signed by it, a client certificate signed by it, and a
 * stranger's self-signed certificate; keys are unencrypted PKCS#8 PEM ({@code openssl req -nodes}).
 */
public record TestCertificates(Path dir) {

    public static TestCertificates make(Path dir) {
        try {
            Files.createDirectories(dir);
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                    "-subj", "/CN=meshwright-test-ca");
            Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            for (String name : List.of("server", "client")) {
                openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                        "-subj", "/CN=" + name);
                List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey",
                        "ca.key", "-CAcreateserial", "-out", name + ".pem", "-days", "2"));
                if (name.equals("server")) {
                    sign.addAll(List.of("-extfile", "san.ext"));
                }
                openssl(dir, sign.toArray(String[]::new));
            }
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger.key", "-out", "stranger.pem",
                    "-days", "2", "-subj", "/CN=stranger");
            return new TestCertificates(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path ca() { return dir.resolve("ca.pem"); }

    public Path clientCert() { return dir.resolve("client.pem"); }

    public Path clientKey() { return dir.resolve("client.key"); }

    public Path strangerCert() { return dir.resolve("stranger.pem"); }

    public Path strangerKey() { return dir.resolve("stranger.key"); }

    /** nats-server's {@code tls} block with the server certificate; {@code verify} asks every client for one of the CA's. */
    public String natsServerTls(boolean verify) {
        return "tls { cert_file: \"" + dir.resolve("server.pem") + "\", key_file: \"" + dir.resolve("server.key")
                + "\", ca_file: \"" + ca() + "\", verify: " + verify + ", timeout: 2 }\n";
    }

    /** A client context trusting the CA and presenting the client certificate, for a test's own NATS client. */
    public SSLContext clientContext() {
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(ca())) {
                trusted.setCertificateEntry("ca", x509.generateCertificate(in));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            String pem = Files.readString(clientKey()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            try (InputStream in = Files.newInputStream(clientCert())) {
                own.setKeyEntry("client", KeyFactory.getInstance("RSA").generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))), new char[0],
                        new Certificate[] {x509.generateCertificate(in)});
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(own, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the test's TLS client context from " + dir, e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed (Debian's openssl; .ci/run"
                    + " installs it): " + Files.readString(dir.resolve("openssl.log")));
        }
    }
}

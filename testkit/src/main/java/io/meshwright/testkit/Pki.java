package io.meshwright.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's secrets: a self-signed serving certificate for 127.0.0.1 (its own CA), the
 * service-account signing key pair and an admin bearer token in group {@code system:masters}. The JDK
 * cannot write certificates, so this calls {@code openssl}, as {@code testbed/cluster up} does.
 */
record Pki(Path certificate, Path key, Path serviceAccountKey, Path serviceAccountPublicKey, Path tokenFile,
           String token) {

    static Pki create(Path dir) {
        Path cert = dir.resolve("apiserver.crt");
        Path key = dir.resolve("apiserver.key");
        Path saKey = dir.resolve("sa.key");
        Path saPub = dir.resolve("sa.pub");
        Path log = dir.resolve("openssl.log");
        openssl(log, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
                "-subj", "/CN=meshwright-local-apiserver",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign",
                "-addext", "extendedKeyUsage=serverAuth",
                "-keyout", key.toString(), "-out", cert.toString());
        openssl(log, "genrsa", "-out", saKey.toString(), "2048");
        openssl(log, "rsa", "-in", saKey.toString(), "-pubout", "-out", saPub.toString());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Path tokens = dir.resolve("tokens.csv");
        try {
            Files.writeString(tokens, token + ",meshwright-admin,meshwright-admin,system:masters\n");
        } catch (IOException e) {
            throw new ControlPlaneException("Cannot write " + tokens + ": " + e.getMessage(), e);
        }
        return new Pki(cert, key, saKey, saPub, tokens, token);
    }

    private static void openssl(Path log, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new ControlPlaneException("openssl " + args[0] + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new ControlPlaneException("openssl is needed to create the control plane's certificates"
                    + " (apt-get install openssl): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException("Interrupted while creating certificates", e);
        }
    }
}

package io.meshwright.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** Writes the admin kubeconfig of a local control plane (bearer token, the self-signed cert as CA). */
final class Kubeconfigs {

    private Kubeconfigs() {
    }

    static Path write(Path file, String server, Path certificate, String token) {
        try {
            String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(certificate));
            String yaml = """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: meshwright-local
                      cluster:
                        server: %s
                        certificate-authority-data: %s
                    users:
                    - name: meshwright-admin
                      user:
                        token: %s
                    contexts:
                    - name: meshwright-local
                      context:
                        cluster: meshwright-local
                        user: meshwright-admin
                        namespace: default
                    current-context: meshwright-local
                    """.formatted(server, ca, token);
            Files.writeString(file, yaml);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new ControlPlaneException("Cannot write kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }
}

package io.meshwright.plugins.helm.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins read from a Helm registry config file as {@code helm registry login} writes it. */
class RegistryCredentialsTest {

    @TempDir
    Path dir;

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAuthOfTheRegistrysHostIsUsedAndOtherHostsGetNone() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), """
                {"auths": {
                  "registry.example.com:5000": {"auth": "%s"},
                  "https://ghcr.io": {"username": "octo", "password": "p@ss"}
                }}""".formatted(Base64.getEncoder().encodeToString("robot:s3cret".getBytes(StandardCharsets.UTF_8))));
        RegistryCredentials credentials = new RegistryCredentials(config);

        assertThat(credentials.basic("registry.example.com:5000")).contains(basic("robot:s3cret"));
        assertThat(credentials.basic("ghcr.io")).contains(basic("octo:p@ss"));
        assertThat(credentials.basic("registry.example.com")).isEmpty();
        assertThat(credentials.basic("docker.io")).isEmpty();
    }

    @Test
    void aMissingConfigMeansAnonymousAndABrokenOneIsNamed() throws IOException {
        assertThat(new RegistryCredentials(dir.resolve("absent.json")).basic("ghcr.io")).isEmpty();

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"auths\": ");
        assertThatThrownBy(() -> new RegistryCredentials(broken).basic("ghcr.io"))
                .isInstanceOf(ChartException.class).hasMessageContaining("cannot read Helm's registry config " + broken);
    }
}

package io.meshwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStartCreatesATokenReadableByItsOwnerOnly() throws Exception {
        String token = TokenFile.loadOrCreate(dataDir, new SecureRandom());

        Path file = dataDir.resolve("token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(TokenFile.read(dataDir)).hasValue(token);
    }

    @Test
    void laterStartsKeepTheSameToken() {
        String first = TokenFile.loadOrCreate(dataDir, new SecureRandom());

        assertThat(TokenFile.loadOrCreate(dataDir, new SecureRandom())).isEqualTo(first);
    }

    @Test
    void bearerTokenAcceptsOnlyTheExactTokenAfterTheScheme() {
        BearerToken token = new BearerToken("abc");

        assertThat(token.accepts("Bearer abc")).isTrue();
        assertThat(token.accepts("bearer abc")).isTrue();
        assertThat(token.accepts("Bearer abcd")).isFalse();
        assertThat(token.accepts("Basic abc")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }
}

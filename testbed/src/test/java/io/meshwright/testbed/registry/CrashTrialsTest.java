package io.meshwright.testbed.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM importing models and checks the store afterwards. A few trials run by default; run more
 * with {@code -Dmeshwright.crashtrials=100}.
 */
class CrashTrialsTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedImportSurvivesKillNineAndNoModelIsStoredHalf() throws Exception {
        int trials = Integer.getInteger("meshwright.crashtrials", 5);

        CrashTrials.Result result = new CrashTrials(dir, 42L).run(trials, 42L);

        assertThat(result.trials()).hasSize(trials);
        assertThat(result.trials()).allSatisfy(trial -> {
            assertThat(trial.failures()).as("trial %d", trial.number()).isEmpty();
            assertThat(trial.acknowledged()).isGreaterThan(0);
        });
    }
}

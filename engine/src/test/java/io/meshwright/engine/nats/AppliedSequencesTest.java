package io.meshwright.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The follower's per-object memory: older redeliveries lose, deleted objects are forgotten after the grace. */
class AppliedSequencesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void anOlderRedeliveryOfALiveObjectIsIgnoredHoweverLongAgo() {
        AppliedSequences applied = new AppliedSequences(Duration.ofSeconds(120));
        assertThat(applied.apply("a", 5, false, 0)).isTrue();
        assertThat(applied.apply("a", 3, false, 10_000 * SECOND)).isFalse();
        assertThat(applied.apply("a", 5, false, 10_000 * SECOND)).isFalse();
        assertThat(applied.apply("a", 7, false, 10_000 * SECOND)).isTrue();
    }

    @Test
    void aDeletedObjectIsRememberedForTheGraceThenForgotten() {
        AppliedSequences applied = new AppliedSequences(Duration.ofSeconds(120));
        applied.apply("a", 1, false, 0);
        applied.apply("b", 2, false, 0);
        assertThat(applied.apply("a", 3, true, 10 * SECOND)).isTrue();
        // within the grace, the redelivered ADDED does not bring the deleted object back
        assertThat(applied.apply("a", 1, false, 60 * SECOND)).isFalse();
        assertThat(applied.size()).isEqualTo(2);
        // past it, the tombstone is gone: only the live object is remembered
        applied.apply("b", 4, false, 200 * SECOND);
        assertThat(applied.size()).isEqualTo(1);
        // a re-creation later in the stream is applied, and live again
        assertThat(applied.apply("a", 9, false, 300 * SECOND)).isTrue();
        assertThat(applied.size()).isEqualTo(2);
    }

    @Test
    void manyObjectsCreatedAndDeletedLeaveNothingBehind() {
        AppliedSequences applied = new AppliedSequences(Duration.ofSeconds(1));
        long sequence = 0;
        for (int i = 0; i < 10_000; i++) {
            applied.apply("o" + i, ++sequence, false, i * SECOND);
            applied.apply("o" + i, ++sequence, true, i * SECOND);
        }
        assertThat(applied.size()).isLessThanOrEqualTo(2);
    }
}

package io.meshwright.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.api.TestClock;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelStatus;
import io.meshwright.spi.model.SourceRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules over a real store: on time, once per missed stretch, across a restart, one failure not stopping the others. */
class GenerationSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    /** A source of type {@code test}: its location is the kind it generates; {@code broken} fails as a whole. */
    private final AtomicReference<String> kindSuffix = new AtomicReference<>("");
    private final AtomicInteger generated = new AtomicInteger();

    private final ModelSource testSource = new ModelSource() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public boolean supports(SourceRef ref) {
            return "test".equals(ref.type());
        }

        @Override
        public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
            if (ref.location().equals("broken")) {
                throw new ModelSourceException(ref, "the source is gone", null);
            }
            generated.incrementAndGet();
            String kind = ref.location() + kindSuffix.get();
            Model model = new Model("test-" + ref.location().toLowerCase(), "v1.0.0", "1.0.0", "Test", "Uncategorized", "test",
                    ModelStatus.ENABLED, Map.of());
            return new GenerationResult("fp-" + kind, false, List.of(new ModelBundle(model, List.of(new ComponentDefinition(
                    model.ref(), "v1.0.0", new Gvk("test.meshwright.io", "v1", kind), true, kind, Map.of("type", "object"),
                    List.of())), List.of())), List.of());
        }
    };

    private record Opened(Database database, GenerationScheduler scheduler) implements AutoCloseable {
        @Override
        public void close() {
            scheduler.close();
            database.close();
        }
    }

    private Opened open(TestClock clock) {
        List<Migration> migrations = new ArrayList<>(Registry.migrations());
        migrations.addAll(ModelSourceMigrations.all());
        Database database = Database.open(dir.resolve("store.db"), migrations);
        Registry registry = new Registry(database, clock);
        ModelSources sources = new ModelSources(ModelSources.builtIns(registry, registry.defaultLimits(), List::of),
                () -> List.of(testSource));
        return new Opened(database, new GenerationScheduler(new GenerateModels(sources, registry, database, clock), database, clock));
    }

    @Test
    void aDueScheduleRunsOnceAndIsDueAgainOneIntervalLater() {
        TestClock clock = new TestClock(T0);
        try (Opened engine = open(clock)) {
            Schedule created = engine.scheduler().create(SourceRef.parse("test:Widget"), Duration.ofHours(6)).schedule();
            assertThat(created.nextRunAt()).isEqualTo(T0.plus(Duration.ofHours(6)));

            clock.advance(Duration.ofDays(2));
            List<Schedule> ran = engine.scheduler().runDue();

            assertThat(ran).singleElement().satisfies(schedule -> {
                assertThat(schedule.lastRunAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
                assertThat(schedule.lastOutcome()).as("the fingerprint is the same").isEqualTo("unchanged");
                assertThat(schedule.nextRunAt()).as("missed runs run once").isEqualTo(T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(6)));
            });
            assertThat(engine.scheduler().runDue()).isEmpty();

            kindSuffix.set("V2");
            clock.advance(Duration.ofHours(6));
            assertThat(engine.scheduler().runDue()).singleElement()
                    .satisfies(schedule -> assertThat(schedule.lastOutcome()).isEqualTo("generated"));
        }
    }

    @Test
    void aRunMissedWhileTheEngineWasDownRunsAtStart() {
        TestClock clock = new TestClock(T0);
        try (Opened engine = open(clock)) {
            engine.scheduler().create(SourceRef.parse("test:Widget"), Duration.ofHours(6));
        }
        int before = generated.get();
        clock.advance(Duration.ofHours(7));

        try (Opened restarted = open(clock)) {
            restarted.scheduler().start(Duration.ofHours(1));

            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(restarted.scheduler().list()).singleElement().satisfies(schedule -> {
                        assertThat(schedule.lastRunAt()).isEqualTo(T0.plus(Duration.ofHours(7)));
                        assertThat(schedule.nextRunAt()).isEqualTo(T0.plus(Duration.ofHours(13)));
                    }));
            assertThat(generated.get()).isEqualTo(before + 1);
        }
    }

    @Test
    void aFailingSourceIsRecordedAsFailedAndTheOthersStillRun() {
        TestClock clock = new TestClock(T0);
        try (Opened engine = open(clock)) {
            engine.scheduler().create(SourceRef.parse("test:Widget"), Duration.ofHours(1));
            engine.scheduler().create(SourceRef.parse("test:Gadget"), Duration.ofHours(1));
            assertThatThrownBy(() -> engine.scheduler().create(SourceRef.parse("test:broken"), Duration.ofHours(1)))
                    .as("a source that cannot be read now is refused, not stored").isInstanceOf(ModelSourceException.class);
            assertThatThrownBy(() -> engine.scheduler().create(SourceRef.parse("test:x"), Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1m");
            assertThat(engine.scheduler().list()).hasSize(2);

            // The first source breaks between runs: the store is edited as if its location now pointed elsewhere.
            engine.database().write(c -> c.createStatement().executeUpdate(
                    "UPDATE model_source_schedules SET ref = 'test:broken' WHERE ref = 'test:Widget'"));
            clock.advance(Duration.ofHours(1));
            List<Schedule> ran = engine.scheduler().runDue();

            assertThat(ran).extracting(Schedule::ref, Schedule::lastOutcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("test:broken", "failed"),
                    org.assertj.core.groups.Tuple.tuple("test:Gadget", "unchanged"));
            assertThat(ran.getFirst().lastMessage()).contains("the source is gone");
        }
    }
}

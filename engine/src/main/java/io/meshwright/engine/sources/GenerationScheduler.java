package io.meshwright.engine.sources;

import io.meshwright.engine.store.Database;
import io.meshwright.spi.model.SourceRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled generation: {@code model generate --from REF --every 6h}. A schedule is stored in the engine's store
 * with its next run; {@link #runDue} runs every schedule whose time has come (each once, however many runs were
 * missed, then one interval later) and records the outcome. {@link #start} calls it at once, so a run missed
 * while the engine was down runs at start, and then every {@code tick}; the tick is what bounds how late a
 * run can be. Time comes only from the injected {@link Clock}, so tests move it and call {@link #runDue}.
 */
public final class GenerationScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationScheduler.class);

    /** A schedule as created, with the run made when it was created. */
    public record Created(Schedule schedule, GenerationRun run) {}

    private final GenerateModels generate;
    private final Schedules schedules;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();
    private ScheduledExecutorService ticker;

    public GenerationScheduler(GenerateModels generate, Database database, Clock clock) {
        this.generate = generate;
        this.schedules = new Schedules(database);
        this.clock = clock;
    }

    /**
     * Runs {@code ref} now and stores its schedule (one per ref: a second call sets the interval). The source must
     * be readable now: a ref no source supports, or that fails as a whole, is refused and nothing is stored.
     *
     * @throws IllegalArgumentException when {@code every} is shorter than {@link Every#MINIMUM}
     */
    public Created create(SourceRef ref, Duration every) {
        if (every.compareTo(Every.MINIMUM) < 0) {
            throw new IllegalArgumentException("every: expected at least 1m, but was " + Every.format(every));
        }
        SourceRef canonical = GenerateModels.canonical(ref);
        GenerationRun run = generate.run(new GenerateModels.Options(canonical, false));
        Schedule schedule = schedules.put(canonical.text(), every, clock.instant(), Schedule.Outcome.of(run));
        return new Created(schedule, run);
    }

    /** Every schedule, oldest first. */
    public List<Schedule> list() {
        return schedules.list();
    }

    /** Removes schedule {@code id}; the removed schedule, or empty when there is none. */
    public Optional<Schedule> delete(long id) {
        return schedules.delete(id);
    }

    /** Runs each schedule that is due at the clock's time; returns them as they are after their run. */
    public List<Schedule> runDue() {
        running.lock();
        try {
            return runDueNow();
        } finally {
            running.unlock();
        }
    }

    private List<Schedule> runDueNow() {
        List<Schedule> ran = new ArrayList<>();
        for (Schedule schedule : schedules.list()) {
            Instant now = clock.instant();
            if (schedule.nextRunAt().isAfter(now)) {
                continue;
            }
            Schedule.Outcome outcome;
            try {
                outcome = Schedule.Outcome.of(generate.run(new GenerateModels.Options(SourceRef.parse(schedule.ref()), false)));
            } catch (RuntimeException e) {
                // One failing source must not stop the others; the failure is kept with the schedule for `model schedules`.
                LOG.warn("scheduled generation #{} from {} failed: {}", schedule.id(), schedule.ref(), e.toString());
                outcome = Schedule.Outcome.failed(e);
            }
            Instant finished = clock.instant();
            schedules.ran(schedule.id(), finished, finished.plus(schedule.every()), outcome);
            schedules.get(schedule.id()).ifPresent(ran::add);
        }
        return ran;
    }

    /** Runs due schedules now (missed runs), then every {@code tick} on a virtual thread, until {@link #close}. */
    public synchronized void start(Duration tick) {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("model-schedules").factory());
        ticker.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            runDue();
        } catch (RuntimeException e) {
            // Thrown out of a fixed-delay task, it would cancel every later run: log and wait for the next tick.
            LOG.warn("scheduled generation could not run: {}", e.toString());
        }
    }

    /** Stops the ticker; a run in progress gets a few seconds to record its outcome before the store closes. */
    @Override
    public synchronized void close() {
        if (ticker == null) {
            return;
        }
        ticker.shutdown();
        try {
            if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
                ticker.shutdownNow();
            }
        } catch (InterruptedException e) {
            ticker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ticker = null;
    }
}

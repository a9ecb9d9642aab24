package io.meshwright.engine.sources;

import io.meshwright.engine.registry.ImportReport;
import java.time.Duration;
import java.time.Instant;

/** What one run of a model source did: registered what it generated, or found the source unchanged. */
public sealed interface GenerationRun {

    /** The canonical text of the source ref. */
    String ref();

    /** The name of the source that served it. */
    String source();

    /** The source's fingerprint as of this run. */
    String fingerprint();

    /** One line for people. */
    String summary();

    /**
     * The source produced something new (or {@code --force} was given): it was registered as {@code report} says.
     *
     * @param took how long generating and registering took
     */
    record Generated(String ref, String source, String fingerprint, ImportReport report, Duration took) implements GenerationRun {
        @Override
        public String summary() {
            return report.summary() + ", fingerprint " + Generated.shortFingerprint(fingerprint);
        }

        static String shortFingerprint(String fingerprint) {
            return fingerprint == null || fingerprint.length() <= 12 ? String.valueOf(fingerprint) : fingerprint.substring(0, 12);
        }
    }

    /**
     * The source's fingerprint is the one stored at {@code since}: nothing was registered.
     *
     * @param since when the source last produced something new
     */
    record Unchanged(String ref, String source, String fingerprint, Instant since) implements GenerationRun {
        @Override
        public String summary() {
            return "unchanged since " + since + ", fingerprint " + Generated.shortFingerprint(fingerprint) + ": nothing stored";
        }
    }
}

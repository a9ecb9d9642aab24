package io.meshwright.spi.event;

import io.meshwright.spi.Problem;
import io.meshwright.spi.Severity;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.ResourceRef;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened: a lifecycle transition, a plan level started or finished, an object applied,
 * deleted, kept or left over, a problem found. Events flow through one bus and are published as server-sent
 * events, gRPC streams and (when configured) NATS messages, each as JSON with a {@code type} field beside the
 * record's fields, so that consumers (the CLI, a console, a NATS subscriber) read state from fields, never
 * from prose. {@link #message()} renders the event for a person.
 *
 * <p>The set is closed so that consumers can switch over it exhaustively; what a plugin wants to report
 * beyond it goes in a {@link Note}, whose {@code type} the plugin chooses.
 */
public sealed interface Event {

    /** A dotted type such as {@code deployment.state} or {@code object.applied}; stable, part of the API. */
    String type();

    /** What the event concerns: a deployment id, an operation id, a source reference. */
    String subject();

    /** When it happened. */
    Instant at();

    /** How serious it is; most events are {@link Severity#INFO}. */
    default Severity severity() {
        return Severity.INFO;
    }

    /** The event as one sentence for a person. */
    String message();

    /** A deployment moved from one state to another; {@code cause} is set for failures and leftovers. */
    record StateChanged(String subject, DeploymentState from, DeploymentState to, String cause, Instant at)
            implements Event {
        public StateChanged {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "deployment.state";
        }

        @Override
        public Severity severity() {
            return to == DeploymentState.FAILED ? Severity.ERROR
                    : to == DeploymentState.UNDEPLOYED_WITH_LEFTOVERS ? Severity.WARNING : Severity.INFO;
        }

        @Override
        public String message() {
            return to + (cause == null || cause.isEmpty() ? "" : ": " + cause);
        }
    }

    /** Level {@code level} of {@code levels} (1-based) starts with {@code parts} parts. */
    record LevelStarted(String subject, int level, int levels, int parts, Instant at) implements Event {
        @Override
        public String type() {
            return "plan.level.started";
        }

        @Override
        public String message() {
            return "level " + level + "/" + levels + ": applying " + parts + " part(s)";
        }
    }

    /** Level {@code level} of {@code levels} is done: how many parts were applied, unchanged, failed, withheld. */
    record LevelFinished(String subject, int level, int levels, int applied, int unchanged, int failed,
            int withheld, Instant at) implements Event {
        @Override
        public String type() {
            return "plan.level.finished";
        }

        @Override
        public Severity severity() {
            return failed + withheld > 0 ? Severity.WARNING : Severity.INFO;
        }

        @Override
        public String message() {
            return "level " + level + "/" + levels + ": " + applied + " applied, " + unchanged + " unchanged"
                    + (failed > 0 ? ", " + failed + " failed" : "") + (withheld > 0 ? ", " + withheld + " withheld" : "");
        }
    }

    /** How an apply changed an object. */
    enum Change { CREATED, CONFIGURED, UNCHANGED }

    /** An object was server-side applied for part {@code partId}. */
    record ObjectApplied(String subject, ResourceRef ref, String partId, Change change, Instant at) implements Event {
        @Override
        public String type() {
            return "object.applied";
        }

        @Override
        public String message() {
            return switch (change) {
                case CREATED -> "created " + ref;
                case CONFIGURED -> "configured " + ref;
                case UNCHANGED -> "unchanged " + ref;
            };
        }
    }

    /** A part could not be deployed, or was withheld because a part it depends on failed. */
    record PartFailed(String subject, String partId, ResourceRef ref, String reason, boolean withheld, Instant at)
            implements Event {
        @Override
        public String type() {
            return withheld ? "part.withheld" : "part.failed";
        }

        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String message() {
            return (ref == null ? partId : ref.toString()) + (withheld ? " withheld: " : " failed: ") + reason;
        }
    }

    /** An object was deleted and is verified gone ({@code alreadyGone}: it was gone before the delete). */
    record ObjectDeleted(String subject, ResourceRef ref, boolean alreadyGone, Instant at) implements Event {
        @Override
        public String type() {
            return "object.deleted";
        }

        @Override
        public String message() {
            return (alreadyGone ? "already gone: " : "deleted ") + ref;
        }
    }

    /** An object was deliberately not deleted (pre-existing, shared, a CRD still in use…); {@code reason} says why. */
    record ObjectKept(String subject, ResourceRef ref, String reason, Instant at) implements Event {
        @Override
        public String type() {
            return "object.kept";
        }

        @Override
        public String message() {
            return "kept " + ref + ": " + reason;
        }
    }

    /** An object could not be removed and is still there; {@code reason} says why. */
    record ObjectLeftOver(String subject, ResourceRef ref, String reason, Instant at) implements Event {
        @Override
        public String type() {
            return "object.left-over";
        }

        @Override
        public Severity severity() {
            return Severity.WARNING;
        }

        @Override
        public String message() {
            return ref + " left over: " + reason;
        }
    }

    /** A problem found while working on {@code subject} (validation, planning, a plugin's source). */
    record ProblemFound(String subject, Problem problem, Instant at) implements Event {
        public ProblemFound {
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String type() {
            return "problem";
        }

        @Override
        public Severity severity() {
            return problem.severity();
        }

        @Override
        public String message() {
            return problem.toString();
        }
    }

    /**
     * The sync saw an object of a cluster added, modified or deleted; {@code subject} is the cluster's name.
     * Published on {@code meshwright.sync.<cluster>.<group>.<version>.<kind>} when NATS is configured.
     */
    record ClusterObjectChanged(String subject, Change change, io.meshwright.spi.sync.ClusterObject object, Instant at)
            implements Event {

        /** What happened to the object. */
        public enum Change { ADDED, MODIFIED, DELETED }

        public ClusterObjectChanged {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "cluster.object";
        }

        @Override
        public String message() {
            return change + " " + object.gvk() + " " + (object.namespace() == null ? "" : object.namespace() + "/")
                    + object.name() + ": " + object.state() + ", " + object.origin()
                    + (object.deploymentId() == null ? "" : " (" + object.deploymentId() + ")")
                    + ", " + object.health().status();
        }
    }

    /**
     * Anything else worth telling: the plan's rendering, a resume, a plugin's own progress. {@code type} is the
     * publisher's (dotted, e.g. {@code helm.release}); {@code attributes} carry its machine-readable details.
     */
    record Note(String type, String subject, Severity severity, String message, Map<String, String> attributes,
            Instant at) implements Event {
        public Note {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(at, "at");
            severity = severity == null ? Severity.INFO : severity;
            message = message == null ? "" : message;
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }
}

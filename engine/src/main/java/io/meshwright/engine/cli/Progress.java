package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One line of {@code design apply}'s progress for an event, read from the event's fields (never parsed from its
 * message): level starts and ends, state changes, failed and withheld parts, objects left over. Empty for events
 * that are not worth a line.
 */
final class Progress {

    /**
     * The event types {@link #line} shows: the follower asks the engine for these only, so that a deploy of a
     * thousand objects does not stream (and the client parse) a thousand {@code object.applied} events it drops.
     */
    static final String TYPES = String.join(",", "plan.level.started", "plan.level.finished", "deployment.state",
            "part.failed", "part.withheld", "object.left-over", "deployment.prune");

    private Progress() {}

    static Optional<String> line(JsonNode event) {
        return Optional.ofNullable(switch (event.path("type").asText()) {
            case "plan.level.started" -> "level " + event.path("level").asInt() + "/" + event.path("levels").asInt()
                    + ": applying " + event.path("parts").asInt() + " part(s)";
            case "plan.level.finished" -> finished(event);
            case "deployment.state" -> event.path("to").asText() + firstLine(event.path("cause"));
            case "part.failed" -> object(event) + " failed: " + event.path("reason").asText();
            case "part.withheld" -> object(event) + " withheld: " + event.path("reason").asText();
            case "object.left-over" -> object(event) + " left over: " + event.path("reason").asText();
            case "deployment.prune" -> event.path("message").asText();
            default -> null;
        });
    }

    private static String finished(JsonNode event) {
        StringBuilder line = new StringBuilder("level " + event.path("level").asInt() + "/" + event.path("levels").asInt()
                + ": " + event.path("applied").asInt() + " applied, " + event.path("unchanged").asInt() + " unchanged");
        if (event.path("failed").asInt() > 0) {
            line.append(", ").append(event.path("failed").asInt()).append(" failed");
        }
        if (event.path("withheld").asInt() > 0) {
            line.append(", ").append(event.path("withheld").asInt()).append(" withheld");
        }
        return line.toString();
    }

    private static String object(JsonNode event) {
        JsonNode ref = event.path("ref");
        if (ref.isMissingNode() || ref.isNull()) {
            return event.path("partId").asText();
        }
        String namespace = ref.path("namespace").isNull() ? "" : ref.path("namespace").asText("");
        return ref.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/") + ref.path("name").asText();
    }

    private static String firstLine(JsonNode cause) {
        if (cause.isMissingNode() || cause.isNull() || cause.asText().isEmpty()) {
            return "";
        }
        return ": " + cause.asText().lines().findFirst().orElse("");
    }
}

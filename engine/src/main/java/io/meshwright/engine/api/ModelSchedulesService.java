package io.meshwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.sources.Every;
import io.meshwright.engine.sources.GenerationScheduler;
import io.meshwright.engine.sources.Schedule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/registry/schedules}: scheduled model generation.
 * <ul>
 *   <li>{@code GET /} → {@code {items: [{id, ref, every, lastRunAt, lastOutcome, lastMessage, nextRunAt}]}}</li>
 *   <li>{@code POST /} with {@code {"from": REF, "every": "6h"}} generates now and stores the schedule (201; 200 when
 *       the ref had one and only its interval changed) → {@code {schedule, run}}</li>
 *   <li>{@code DELETE /{id}} → {@code {deleted: schedule}}, 404 when there is none</li>
 * </ul>
 */
final class ModelSchedulesService implements HttpService {

    private final ApiContext context;

    ModelSchedulesService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .delete("/{id}", this::delete);
    }

    private void list(ServerRequest request, ServerResponse response) {
        context.json().send(response, Map.of("items", context.engine().requireModelGeneration().schedules().list().stream()
                .map(ModelSchedulesService::body).toList()));
    }

    private void create(ServerRequest request, ServerResponse response) {
        JsonNode body = context.json().read(request, JsonNode.class);
        GenerationScheduler schedules = context.engine().requireModelGeneration().schedules();
        var ref = ModelGenerationService.ref("from", body.path("from").asText(null));
        Duration every = every(body.path("every").asText(null));
        boolean existed = schedules.list().stream().anyMatch(s -> s.ref().equals(
                io.meshwright.engine.sources.GenerateModels.canonical(ref).text()));
        GenerationScheduler.Created created = ModelGenerationService.call(() -> schedules.create(ref, every));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("schedule", body(created.schedule()));
        answer.put("run", ModelGenerationService.body(created.run()));
        context.json().send(response, existed ? 200 : 201, answer);
    }

    private void delete(ServerRequest request, ServerResponse response) {
        String text = request.path().pathParameters().get("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no schedule " + text + " (schedule ids are numbers; see GET /api/registry/schedules)");
        }
        Schedule deleted = context.engine().requireModelGeneration().schedules().delete(id)
                .orElseThrow(() -> ApiException.notFound("no schedule " + id));
        context.json().send(response, Map.of("deleted", body(deleted)));
    }

    private static Duration every(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badParameter("every", "every: expected an interval such as 6h, 30m, 1d or PT6H, but it was missing");
        }
        try {
            return Every.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("every", e.getMessage());
        }
    }

    static Map<String, Object> body(Schedule schedule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", schedule.id());
        body.put("ref", schedule.ref());
        body.put("every", Every.format(schedule.every()));
        body.put("createdAt", schedule.createdAt());
        body.put("lastRunAt", schedule.lastRunAt());
        body.put("lastOutcome", schedule.lastOutcome());
        body.put("lastMessage", schedule.lastMessage());
        body.put("nextRunAt", schedule.nextRunAt());
        return body;
    }
}

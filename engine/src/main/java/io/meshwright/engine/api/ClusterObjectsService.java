package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.sync.ClusterObjectIndex;
import io.meshwright.engine.sync.Sync;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /api/cluster}: what the sync sees running.
 * <ul>
 *   <li>{@code GET /objects?cluster=&kind=&namespace=&state=&origin=&deployment=&limit=&continue=}: a page of
 *       objects (state, origin, deployment, health; never a Secret's data), {@code continue} from the previous
 *       page's {@code continue}</li>
 *   <li>{@code GET /objects/events} with the same filters but paging: {@code cluster.object} changes as
 *       server-sent events, from now on</li>
 *   <li>{@code GET /deployments/{id}/health}: the health of a deployment's objects, rolled up; 404 for an id no
 *       deployment has (an unknown id is not a deployment without objects)</li>
 * </ul>
 */
final class ClusterObjectsService implements HttpService {

    private static final int DEFAULT_LIMIT = 100;

    private final ApiContext context;

    ClusterObjectsService(ApiContext context) {
        this.context = context;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/objects", this::list)
                .get("/objects/events", this::events)
                .get("/deployments/{id}/health", this::health);
    }

    private void list(ServerRequest request, ServerResponse response) {
        ClusterObjectIndex.Page page = sync().index().query(query(new Query(request), true));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items());
        answer.put("total", page.total());
        answer.put("continue", page.continueToken());
        context.json().send(response, answer);
    }

    private void events(ServerRequest request, ServerResponse response) {
        Predicate<io.meshwright.spi.sync.ClusterObject> filter = query(new Query(request), false).filter();
        sync(); // 503 before the stream opens when there is no sync
        context.streams().stream(response, event -> event instanceof Event.ClusterObjectChanged changed
                && filter.test(changed.object()));
    }

    private void health(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("id");
        Sync sync = sync();
        context.engine().requireDeployments().get(id)
                .orElseThrow(() -> ApiException.notFound("no deployment with id " + id));
        ClusterObjectIndex.DeploymentHealth health = sync.index().health(id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deploymentId", id);
        answer.put("status", health.status());
        answer.put("objects", health.objects());
        answer.put("healthy", health.healthy());
        answer.put("progressing", health.progressing());
        answer.put("unhealthy", health.unhealthy());
        answer.put("unknown", health.unknown());
        context.json().send(response, answer);
    }

    private Sync sync() {
        return context.sync().orElseThrow(() -> ApiException.unavailable("the sync is not wired into this engine"));
    }

    private static ClusterObjectIndex.Query query(Query query, boolean paged) {
        int limit = query.integer("limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > ClusterObjectIndex.MAX_LIMIT) {
            throw ApiException.badParameter("limit", "limit: expected 1 to " + ClusterObjectIndex.MAX_LIMIT + ", but was " + limit);
        }
        String token = paged ? query.text("continue") : null;
        try {
            return new ClusterObjectIndex.Query(query.text("cluster"), query.text("kind"), query.text("namespace"),
                    choice(query, "state", ObjectState.class), choice(query, "origin", Origin.class), query.text("deployment"),
                    limit, token);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("continue", e.getMessage());
        }
    }

    private static <E extends Enum<E>> E choice(Query query, String name, Class<E> type) {
        String value = query.text(name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, name + ": expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", but was '" + value + "'");
        }
    }
}

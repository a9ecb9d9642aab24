package io.meshwright.engine.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.meshwright.engine.actions.DesignReader;
import io.meshwright.engine.actions.PlanAction;
import io.meshwright.engine.actions.ValidateAction;
import io.meshwright.engine.design.DesignStore;
import io.meshwright.engine.design.StoredDesign;
import io.meshwright.engine.plan.Plan;
import io.meshwright.engine.plan.PlannedStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/designs}: validate and plan a design (changing nothing), and keep designs with versions.
 * The design is the request body (YAML or JSON, any of the formats the parser reads, UTF-8, or an OCI image
 * tarball holding a design); {@code ?name=} names the design explicitly, {@code ?source=} is the absolute path of
 * its file (problem locations, and the name of a design that names itself nowhere); see {@link DesignRequest}.
 * <ul>
 *   <li>{@code POST /validate} → {@code {valid, problems}}</li>
 *   <li>{@code POST /plan} → {@code {valid, problems, levels, render, dryRun}}</li>
 *   <li>{@code POST /} saves → the stored design (a new version only when the text changed)</li>
 *   <li>{@code GET /} lists the latest version of each; {@code GET /{name}} one ({@code ?version=N}),
 *       {@code GET /{name}/versions} all its versions</li>
 * </ul>
 */
final class DesignsService implements HttpService {

    private final ApiContext context;
    private final Json json;

    DesignsService(ApiContext context) {
        this.context = context;
        this.json = context.json();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/validate", this::validate)
                .post("/plan", this::plan)
                .post("/", this::save)
                .get("/", this::list)
                .get("/{name}/versions", this::versions)
                .get("/{name}", this::get);
    }

    private void validate(ServerRequest request, ServerResponse response) {
        ValidateAction.Result result = context.actions().validate().run(new ValidateAction.Options(DesignRequest.of(request).input()));
        json.send(response, Map.of("valid", result.valid(), "problems", result.problems()));
    }

    private void plan(ServerRequest request, ServerResponse response) {
        boolean createNamespaces = !"false".equalsIgnoreCase(request.query().first("createNamespaces").orElse("true"));
        PlanAction.Result plan = context.actions().plan().run(new PlanAction.Options(DesignRequest.of(request).input(),
                createNamespaces));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", !plan.hasErrors());
        body.put("problems", plan.problems());
        body.put("levels", plan.plan() == null ? List.of() : levels(plan.plan(), plan.rendered()));
        body.put("render", plan.plan() == null ? "" : plan.plan().render());
        body.put("dryRun", plan.checks());
        json.send(response, body);
    }

    private static List<List<Map<String, Object>>> levels(Plan plan,
            Map<String, List<io.meshwright.engine.cluster.TargetCluster.ObjectCheck>> rendered) {
        return plan.levels().stream().map(level -> level.stream().map(step -> step(step, rendered.get(step.id()))).toList())
                .toList();
    }

    /** A step; one whose deployer renders other objects (a chart, a Git folder) lists them with their dry run. */
    private static Map<String, Object> step(PlannedStep step, List<io.meshwright.engine.cluster.TargetCluster.ObjectCheck> objects) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", step.id());
        body.put("object", step.ref().toString());
        body.put("dependsOn", step.dependsOn());
        body.put("isDependency", step.isDependency());
        if (objects != null) {
            body.put("renders", objects);
        }
        return body;
    }

    private void save(ServerRequest request, ServerResponse response) {
        DesignStore store = context.engine().requireDesignStore();
        DesignReader.Read read = context.engine().read(DesignRequest.of(request).input());
        DesignStore.Saved saved = store.save(read.design(), read.text());
        json.send(response, saved.newVersion() ? 201 : 200, Map.of("design", summary(saved.design()),
                "newVersion", saved.newVersion()));
    }

    private void list(ServerRequest request, ServerResponse response) {
        json.send(response, Map.of("items", context.engine().requireDesignStore().list().stream().map(DesignsService::summary).toList()));
    }

    private void versions(ServerRequest request, ServerResponse response) {
        String name = request.path().pathParameters().get("name");
        List<StoredDesign> versions = context.engine().requireDesignStore().versions(name);
        if (versions.isEmpty()) {
            throw ApiException.notFound("no design named " + name);
        }
        json.send(response, Map.of("items", versions.stream().map(DesignsService::summary).toList()));
    }

    private void get(ServerRequest request, ServerResponse response) {
        String name = request.path().pathParameters().get("name");
        int requested = new Query(request).integer("version", 0);
        Optional<Integer> version = requested > 0 ? Optional.of(requested) : Optional.empty();
        StoredDesign design = context.engine().requireDesignStore().get(name, version).orElseThrow(() -> ApiException.notFound(
                "no design named " + name + version.map(v -> " at version " + v).orElse("")));
        Map<String, Object> body = new LinkedHashMap<>(summary(design));
        body.put("text", design.text());
        json.send(response, body);
    }

    static Map<String, Object> summary(StoredDesign design) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", design.designId());
        body.put("name", design.name());
        body.put("version", design.version());
        body.put("declaredVersion", design.declaredVersion());
        body.put("source", design.source());
        body.put("savedAt", design.savedAt());
        return body;
    }
}

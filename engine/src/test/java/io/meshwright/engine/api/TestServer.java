package io.meshwright.engine.api;

import io.meshwright.engine.actions.Actions;
import io.meshwright.engine.actions.DesignReader;
import io.meshwright.engine.actions.EngineContext;
import io.meshwright.engine.api.grpc.GrpcRoutes;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.sources.ModelGeneration;
import io.meshwright.engine.sources.ModelSourceMigrations;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.design.Design;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real API server on loopback (free ports) over fakes of the lifecycle and design reader. */
public final class TestServer implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789";

    public final EventBus events = new EventBus(Clock.systemUTC());
    public final FakeDeployments deployments = new FakeDeployments(events, Clock.systemUTC());
    public final PluginHost plugins;
    public final ApiContext context;
    public final ApiServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    public final Database database;
    public final Registry registry;

    public final Path pluginsDir;

    /** The clock of the model sources and schedules; tests move it. */
    public final TestClock clock;

    /** Model sources over this server's registry (no cluster), and their schedules, which tests drive by hand. */
    public final ModelGeneration modelGeneration;

    /** A server keeping its store and plugin folder under {@code dir}. */
    public TestServer(Path dir) {
        this(dir, new TestClock(java.time.Instant.parse("2026-12-01T00:00:00Z")));
    }

    /** The same with the clock of the model sources and schedules. */
    public TestServer(Path dir, TestClock clock) {
        this.clock = clock;
        pluginsDir = dir.resolve("plugins");
        try {
            java.nio.file.Files.createDirectories(pluginsDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.List<io.meshwright.engine.store.Migration> migrations = new java.util.ArrayList<>(Registry.migrations());
        migrations.addAll(ModelSourceMigrations.all());
        database = Database.open(dir.resolve("store").resolve("test.db"), migrations);
        registry = new Registry(database, clock);
        plugins = new PluginHost(List.of(pluginsDir), id -> null);
        plugins.load();
        modelGeneration = ModelGeneration.wire(registry, database, clock, plugins::modelSources, () -> {
            throw new IllegalStateException("this test server has no cluster");
        });
        Json json = new Json();
        DesignReader reader = (text, source, naming) -> {
            if (text.isBlank()) {
                throw ApiException.invalid("the design is empty", List.of(io.meshwright.spi.Problem.error("design.empty",
                        "expected a design, but was nothing", new io.meshwright.spi.Location(source, 1, 1, null))));
            }
            return new Design("d1", text.strip(), "1", List.of(), List.of(), source);
        };
        Metrics metrics = new Metrics();
        Actions actions = Actions.over(new EngineContext(registry, plugins, Optional.of(deployments), Optional.of(reader),
                Optional.empty(), Optional.of(modelGeneration), Optional.empty(), events, clock, ApiContext.counter(metrics)));
        context = new ApiContext(json, metrics, new BearerToken(TOKEN), events,
                new EventStreams(events, json, Duration.ofMillis(200)), actions);
        server = ApiServer.start("127.0.0.1", 0, 0, context, GrpcRoutes.routing(context));
    }

    public String url() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        modelGeneration.schedules().close();
        plugins.close();
        database.close();
    }
}

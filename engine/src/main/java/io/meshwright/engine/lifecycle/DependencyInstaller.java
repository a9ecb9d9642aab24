package io.meshwright.engine.lifecycle;

import io.meshwright.engine.design.DesignParseResult;
import io.meshwright.engine.design.DesignParser;
import io.meshwright.engine.design.DesignValidator;
import io.meshwright.engine.design.MissingDependency;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --install-dependencies}: reads the manifests (typically CRDs) that a providing model's source names
 * ({@code metadata.source_uri}: a file path, a {@code file:} or an {@code http(s):} URL) and adds their objects
 * to the design, so they go through validation, planning, the inventory and undeploy like everything else.
 */
public final class DependencyInstaller {

    private static final long MAX_BYTES = 16 * 1024 * 1024;

    private final RegistryView registry;
    private final DesignParser parser;

    public DependencyInstaller(RegistryView registry, DesignParser parser) {
        this.registry = registry;
        this.parser = parser;
    }

    /** The design with the objects of every missing dependency's source added (each source read once). */
    Design withDependencies(Design design, List<MissingDependency> missing) {
        Set<ModelRef> providers = new LinkedHashSet<>();
        for (MissingDependency dependency : missing) {
            providers.add(dependency.provider().orElseThrow(() -> new DependencyException(
                    "no registry model provides " + dependency.kind() + ": nothing to install it from")));
        }
        List<ComponentDeclaration> components = new ArrayList<>(design.components());
        for (ModelRef provider : providers) {
            Model model = registry.model(provider).orElseThrow(() -> new DependencyException(
                    "model " + provider + " is not in the registry"));
            String source = DesignValidator.sourceOf(model).orElseThrow(() -> new DependencyException(
                    "model " + provider + " names no source to install from (metadata.source_uri)"));
            for (ComponentDeclaration component : read(source, provider)) {
                components.add(new ComponentDeclaration("dependency:" + provider.name() + ":" + component.id(),
                        component.name(), component.model(), component.gvk(), component.namespace(),
                        component.configuration(), List.of(), false, null, component.location()));
            }
        }
        return new Design(design.id(), design.name(), design.version(), components, design.relationships(),
                design.source());
    }

    private List<ComponentDeclaration> read(String source, ModelRef provider) {
        String text = fetch(source);
        DesignParseResult parsed = parser.parse(text, source);
        if (parsed.hasErrors() || parsed.design().isEmpty()) {
            throw new DependencyException("the source of model " + provider + " (" + source + ") is not readable as "
                    + "Kubernetes manifests: " + parsed.errors());
        }
        return parsed.design().get().deployableComponents();
    }

    private static String fetch(String source) {
        try {
            if (source.startsWith("http://") || source.startsWith("https://")) {
                HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(20)).build()
                        .send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofMinutes(1)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new DependencyException(source + " answered HTTP " + response.statusCode());
                }
                return response.body();
            }
            Path path = source.startsWith("file:") ? Path.of(URI.create(source)) : Path.of(source);
            if (Files.size(path) > MAX_BYTES) {
                throw new DependencyException(source + " is larger than " + MAX_BYTES + " bytes");
            }
            return Files.readString(path);
        } catch (IOException e) {
            throw new DependencyException("cannot read " + source + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyException("interrupted while reading " + source);
        }
    }

    /** A dependency could not be installed; the message says which and why. */
    public static final class DependencyException extends RuntimeException {
        public DependencyException(String message) {
            super(message);
        }
    }
}

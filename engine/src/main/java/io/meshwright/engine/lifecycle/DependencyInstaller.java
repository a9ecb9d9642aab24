package io.meshwright.engine.lifecycle;

import io.meshwright.engine.design.DesignParseResult;
import io.meshwright.engine.design.DesignParser;
import io.meshwright.engine.design.DesignValidator;
import io.meshwright.engine.design.MissingDependency;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelRef;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --install-dependencies}: reads the manifests (typically CRDs) that a providing model's source names
 * ({@code metadata.source_uri}) and adds their objects to the design, so they go through validation, planning,
 * the inventory and undeploy like everything else.
 *
 * <p>What it trusts, since whatever it installs runs in the cluster:
 * <ul>
 *   <li>a source is fetched through the engine's one fetcher (size cap, addresses checked on every redirect);</li>
 *   <li>its content must match the model's {@code metadata.source_digest} ({@code sha256:<hex>}); a source
 *       without a digest is accepted only over https and only when the deploy says {@code --trust-source};
 *       plain http needs a digest;</li>
 *   <li>a local path or {@code file:} URL is read only when the engine's operator allows it
 *       ({@code serve --allow-private-urls}): over the API, anyone holding a token could otherwise make the engine
 *       read its own files;</li>
 *   <li>only CustomResourceDefinitions are installed, unless the model says {@code metadata.install: all}.</li>
 * </ul>
 */
public final class DependencyInstaller {

    static final String DIGEST_KEY = "source_digest";
    static final String INSTALL_KEY = "install";

    private final RegistryView registry;
    private final DesignParser parser;
    private final UrlFetcher fetcher;
    private final boolean allowLocalFiles;

    /**
     * @param fetcher         the engine's fetcher for http(s) sources
     * @param allowLocalFiles whether a source may be a path or {@code file:} URL on the engine's machine
     */
    public DependencyInstaller(RegistryView registry, DesignParser parser, UrlFetcher fetcher, boolean allowLocalFiles) {
        this.registry = registry;
        this.parser = parser;
        this.fetcher = fetcher;
        this.allowLocalFiles = allowLocalFiles;
    }

    /** The design with the objects of every missing dependency's source added (each source read once). */
    Design withDependencies(Design design, List<MissingDependency> missing, boolean trustSources) {
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
            boolean everything = "all".equals(String.valueOf(model.metadata().get(INSTALL_KEY)));
            for (ComponentDeclaration component : read(source, model, provider, trustSources)) {
                if (!everything && !component.gvk().kind().equals("CustomResourceDefinition")) {
                    throw new DependencyException("the source of model " + provider + " (" + source + ") holds "
                            + component.gvk().kind() + " " + component.name() + ", and only CustomResourceDefinitions"
                            + " are installed as dependencies unless the model says metadata.install: all");
                }
                components.add(new ComponentDeclaration("dependency:" + provider.name() + ":" + component.id(),
                        component.name(), component.model(), component.gvk(), component.namespace(),
                        component.configuration(), List.of(), false, null, component.location()));
            }
        }
        return new Design(design.id(), design.name(), design.version(), components, design.relationships(),
                design.source());
    }

    private List<ComponentDeclaration> read(String source, Model model, ModelRef provider, boolean trustSources) {
        byte[] content = fetch(source);
        Object digest = model.metadata().get(DIGEST_KEY);
        if (digest != null) {
            String actual = "sha256:" + sha256(content);
            if (!actual.equalsIgnoreCase(String.valueOf(digest).strip())) {
                throw new DependencyException("the source of model " + provider + " (" + source + ") does not match "
                        + "its metadata.source_digest: expected " + digest + ", got " + actual + "; nothing installed");
            }
        } else if (isRemote(source) && !(source.startsWith("https://") && trustSources)) {
            throw new DependencyException("model " + provider + " names its source " + source + " without a "
                    + "metadata.source_digest (sha256:<hex>): add one to the model, or, for an https source you "
                    + "trust, deploy with --trust-source");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        DesignParseResult parsed = parser.parse(text, source);
        if (parsed.hasErrors() || parsed.design().isEmpty()) {
            throw new DependencyException("the source of model " + provider + " (" + source + ") is not readable as "
                    + "Kubernetes manifests: " + parsed.errors());
        }
        return parsed.design().get().deployableComponents();
    }

    private byte[] fetch(String source) {
        if (isRemote(source)) {
            try {
                return fetcher.fetch(URI.create(source));
            } catch (RuntimeException e) {
                throw new DependencyException("cannot fetch " + source + ": " + e.getMessage());
            }
        }
        if (!allowLocalFiles) {
            throw new DependencyException("model source " + source + " is a file on the engine's machine; the engine "
                    + "reads those only when started with serve --allow-private-urls");
        }
        try {
            Path path = source.startsWith("file:") ? Path.of(URI.create(source)) : Path.of(source);
            return Files.readAllBytes(path);
        } catch (IOException | IllegalArgumentException e) {
            throw new DependencyException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static boolean isRemote(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** A dependency could not be installed; the message says which and why. */
    public static final class DependencyException extends RuntimeException {
        public DependencyException(String message) {
            super(message);
        }
    }
}

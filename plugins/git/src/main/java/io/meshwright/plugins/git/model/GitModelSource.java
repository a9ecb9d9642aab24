package io.meshwright.plugins.git.model;

import io.meshwright.plugins.git.repo.GitException;
import io.meshwright.plugins.git.repo.GitLocation;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.plugins.git.repo.Snapshot;
import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceFile;
import io.meshwright.spi.model.SourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Models from a Git repository folder at a ref ({@code git:URL#ref=…&path=…}): files in the registry's import
 * formats (model packages, model/component/relationship/bundle documents) are handed over as they are, and raw
 * CRD files become one model per CRD group. The fingerprint is the commit SHA, so an unchanged commit costs one
 * fetch and nothing else.
 */
@Extension
public final class GitModelSource implements ModelSource {

    private final GitRepositories repositories;

    /** The constructor the engine uses. */
    public GitModelSource(PluginContext context) {
        this(new GitRepositories(context.workDir().resolve("repositories")));
    }

    public GitModelSource(GitRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public String name() {
        return "git";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return ref != null && "git".equals(ref.type());
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        Snapshot snapshot;
        try {
            snapshot = repositories.read(GitLocation.of(ref));
        } catch (IllegalArgumentException | GitException e) {
            throw new ModelSourceException(ref, e.getMessage(), e);
        }
        if (previousFingerprint.isPresent() && previousFingerprint.get().equals(snapshot.commit())) {
            return GenerationResult.unchanged(snapshot.commit());
        }
        List<Problem> problems = new ArrayList<>();
        List<SourceFile> files = new ArrayList<>();
        Map<String, List<Map<String, Object>>> crdsByGroup = new LinkedHashMap<>();
        snapshot.files().forEach((path, content) -> {
            String source = snapshot.describe(path);
            switch (RepositoryFile.classify(content)) {
                case RepositoryFile.ImportFormat f -> files.add(new SourceFile(path, source, content));
                case RepositoryFile.Manifests m -> m.crds().forEach(crd ->
                        crdsByGroup.computeIfAbsent(CrdModels.group(crd), g -> new ArrayList<>()).add(crd));
                case RepositoryFile.Unreadable u -> problems.add(Problem.warning("git.file.unreadable",
                        source + " is not valid YAML or JSON (" + u.reason() + "); skipped", Location.of(source)));
            }
        });
        List<ModelBundle> models = new ArrayList<>();
        crdsByGroup.forEach((group, crds) -> {
            if (group == null) {
                crds.forEach(crd -> problems.add(Problem.warning("git.crd.unreadable", "a CRD in " + snapshot.location().safeUrl()
                        + " has no spec.group; skipped", Location.of(snapshot.location().safeUrl()))));
            } else {
                models.add(CrdModels.bundle(group, crds, ref.text().replace(snapshot.location().url(),
                        snapshot.location().safeUrl()), snapshot.commit(), problems));
            }
        });
        return new GenerationResult(snapshot.commit(), false, models, problems, files);
    }
}

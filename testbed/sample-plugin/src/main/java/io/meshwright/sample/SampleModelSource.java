package io.meshwright.sample;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelStatus;
import io.meshwright.spi.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * A model source for sources of type {@code sample}: the location is a comma-separated list of kinds, and each
 * becomes a component definition of model {@code sample} (group {@code sample.meshwright.io}, version
 * {@code v1}). A blank kind is reported as a problem and left out, the others are still generated.
 */
@Extension
public final class SampleModelSource implements ModelSource {

    private final PluginContext context;

    /** The engine passes the plugin's context to a constructor that takes one. */
    public SampleModelSource(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public boolean supports(SourceRef ref) {
        return "sample".equals(ref.type());
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        String fingerprint = sha256(ref.location());
        if (previousFingerprint.filter(fingerprint::equals).isPresent()) {
            return GenerationResult.unchanged(fingerprint);
        }
        Model model = new Model("sample", "v1.0.0", "1.0.0", "Sample", "Uncategorized", "sample", ModelStatus.ENABLED, Map.of());
        List<ComponentDefinition> components = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] kinds = ref.location().split(",", -1);
        for (int i = 0; i < kinds.length; i++) {
            String kind = kinds[i].strip();
            if (kind.isEmpty()) {
                Problem problem = Problem.error("sample.kind", "expected a kind name, but was blank",
                        new Location(ref.location(), 0, 0, "kinds[" + i + "]"));
                problems.add(problem);
                context.events().problem(ref.location(), problem);
                continue;
            }
            components.add(new ComponentDefinition(model.ref(), "v1.0.0", new Gvk("sample.meshwright.io", "v1", kind),
                    true, kind, Map.of("type", "object"), List.of("configuration")));
        }
        context.events().info("model.generated", ref.location(), components.size() + " sample component(s)");
        return new GenerationResult(fingerprint, false, List.of(new ModelBundle(model, components, List.of())), problems);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}

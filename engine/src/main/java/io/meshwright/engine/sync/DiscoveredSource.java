package io.meshwright.engine.sync;

import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceRef;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.ObjectState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code model generate --from discovered}: models for the custom resource kinds the sync has seen on the engine's
 * own cluster with no definition (DISCOVERED objects), made by the cluster model generator from their CRDs, one
 * model per CRD group. Once they are registered, the watch's next registry check moves those objects to
 * REGISTERED. Built-in kinds are left to {@code --from cluster}, which models them from the server's OpenAPI.
 */
public final class DiscoveredSource implements ModelSource {

    public static final String TYPE = "discovered";

    private final ClusterObjectIndex index;
    private final String cluster;
    private final Function<Set<String>, List<ModelBundle>> crdModels;

    /**
     * @param index     the sync's view
     * @param cluster   the engine's own cluster's name in it
     * @param crdModels the cluster model generator restricted to these {@code Kind.group}s
     */
    public DiscoveredSource(ClusterObjectIndex index, String cluster, Function<Set<String>, List<ModelBundle>> crdModels) {
        this.index = index;
        this.cluster = cluster;
        this.crdModels = crdModels;
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public boolean supports(SourceRef ref) {
        return TYPE.equals(ref.type()) && ref.location().isBlank();
    }

    @Override
    public GenerationResult generate(SourceRef ref, Optional<String> previousFingerprint) {
        Set<String> kinds = discoveredCustomKinds();
        if (kinds.isEmpty()) {
            throw new ModelSourceException(ref, "the sync has seen no object of a kind without a definition on"
                    + " cluster " + cluster + " (meshwright cluster objects --state DISCOVERED lists what it has seen;"
                    + " built-in kinds come from --from cluster)", null);
        }
        List<ModelBundle> models;
        try {
            models = crdModels.apply(kinds);
        } catch (RuntimeException e) {
            throw new ModelSourceException(ref, "cannot read the CRDs of " + kinds + " from the cluster: " + e.getMessage(), e);
        }
        if (models.isEmpty()) {
            throw new ModelSourceException(ref, "no CRD serves the discovered kinds " + kinds + " on cluster " + cluster
                    + " (built-in kinds come from --from cluster)", null);
        }
        String fingerprint = fingerprint(models);
        return previousFingerprint.filter(fingerprint::equals).isPresent()
                ? GenerationResult.unchanged(fingerprint)
                : new GenerationResult(fingerprint, false, models, List.of());
    }

    /** {@code Kind.group} of every DISCOVERED object outside the core group on the own cluster (the CRDs decide which are custom). */
    private Set<String> discoveredCustomKinds() {
        Set<String> kinds = new TreeSet<>();
        String token = null;
        do {
            ClusterObjectIndex.Page page = index.query(new ClusterObjectIndex.Query(cluster, null, null, ObjectState.DISCOVERED,
                    null, null, ClusterObjectIndex.MAX_LIMIT, token));
            for (ClusterObject object : page.items()) {
                if (!object.gvk().group().isEmpty()) {
                    kinds.add(object.gvk().groupKind());
                }
            }
            token = page.continueToken();
        } while (token != null);
        return kinds;
    }

    private static String fingerprint(List<ModelBundle> models) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha.digest(models.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

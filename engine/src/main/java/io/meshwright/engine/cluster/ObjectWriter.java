package io.meshwright.engine.cluster;

import io.meshwright.spi.Severity;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ResourceRef;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one prepared object: server-side apply, forcing conflicts only on objects the deployment owns. A
 * server older than 1.25 refuses a CRD carrying CEL rules ({@code x-kubernetes-validations}) under apply
 * ("field not declared in schema", cluster.md §4) but accepts it in a create or replace, dropping the rules;
 * such CRDs are written that way, with a warning event saying so. Once the server refused one, later ones
 * skip the doomed apply.
 */
final class ObjectWriter {

    /** Publishes an event about an object: severity, type, object, message. */
    interface Warnings {
        void publish(Severity severity, String type, ResourceRef ref, String message);
    }

    private static final String CRD = "CustomResourceDefinition.apiextensions.k8s.io";

    private final KubeApi api;
    private final String fieldManager;
    private final Warnings warnings;
    private volatile boolean serverRefusesCelUnderApply;

    ObjectWriter(KubeApi api, String fieldManager, Warnings warnings) {
        this.api = api;
        this.fieldManager = fieldManager;
        this.warnings = warnings;
    }

    /** Writes {@code body}; {@code live} is what exists now (object or metadata), {@code owned} allows forcing. */
    Map<String, Object> write(Target target, Map<String, Object> body, Optional<Map<String, Object>> live,
            boolean owned) {
        ResourceRef ref = target.ref();
        boolean celCrd = ref.gvk().groupKind().equals(CRD) && ApplyPreparation.carriesCelRules(body);
        if (celCrd && serverRefusesCelUnderApply) {
            return createOrReplace(target, body, live);
        }
        String path = target.path() + applyQuery(owned);
        ApiResponse response = api.send("PATCH", path, KubeApi.APPLY_PATCH, api.write(body));
        if (response.ok()) {
            return api.parse(response.body());
        }
        KubeApiException failure = api.failure("PATCH", path, response);
        if (celCrd && failure.getMessage().contains("field not declared in schema")) {
            serverRefusesCelUnderApply = true;
            return createOrReplace(target, body, live);
        }
        throw new ApplyException(ref, explain(failure, owned), failure);
    }

    /** The query of a server-side apply by this field manager. */
    String applyQuery(boolean owned) {
        return "?fieldManager=" + ServedResource.encode(fieldManager) + (owned ? "&force=true" : "");
    }

    private Map<String, Object> createOrReplace(Target target, Map<String, Object> body,
            Optional<Map<String, Object>> live) {
        ResourceRef ref = target.ref();
        warnings.publish(Severity.WARNING, "object.apply-fallback", ref, ref + " carries CEL validation rules "
                + "(x-kubernetes-validations) that this API server does not know; it refuses them under "
                + "server-side apply, so the definition was " + (live.isEmpty() ? "created" : "replaced")
                + " instead and the server dropped the rules (they are not enforced on this cluster)");
        String query = "?fieldManager=" + ServedResource.encode(fieldManager);
        if (live.isEmpty()) {
            String path = target.collection() + query;
            ApiResponse response;
            try {
                response = api.send("POST", path, KubeApi.JSON, api.write(body));
            } catch (KubeApiException noAnswer) {
                // Sent, but no answer came (a create is retried only when it was never sent): it may have been
                // created. What the server holds now says so; sending it again would not.
                return createdMeanwhile(target, body).orElseThrow(() -> noAnswer);
            }
            return api.treeOrThrow("POST", path, response);
        }
        Map<String, Object> replacement = ObjectTree.deepCopy(body);
        ObjectTree.child(replacement, "metadata").put("resourceVersion",
                ObjectTree.string(live.get(), "metadata", "resourceVersion").orElse(""));
        String path = target.path() + query;
        return api.treeOrThrow("PUT", path, api.send("PUT", path, KubeApi.JSON, api.write(replacement)));
    }

    /** The object at {@code target} if it carries {@code body}'s deployment label: the create did happen. */
    private Optional<Map<String, Object>> createdMeanwhile(Target target, Map<String, Object> body) {
        Optional<String> label = KubeObjects.labelOf(body);
        return api.getTree(target.path()).filter(stored -> label.isPresent() && label.equals(KubeObjects.labelOf(stored)));
    }

    private static String explain(KubeApiException failure, boolean owned) {
        if (failure.code() == 409 && !owned) {
            return failure.getMessage() + " (the object existed before this deployment, so Meshwright does not "
                    + "take over fields another manager owns)";
        }
        return failure.getMessage();
    }
}

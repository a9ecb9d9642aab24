package io.meshwright.engine.lifecycle;

import io.meshwright.engine.design.LabelRules;
import io.meshwright.engine.design.ObjectNameRules;
import io.meshwright.spi.model.Gvk;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells, without asking the server, that a plain ConfigMap or Secret is one the API server accepts: such objects
 * are most of a typical design (600 of the benchmark's 1,000) and the server's validation of them is a short,
 * fixed list (Kubernetes' {@code ValidateConfigMap} / {@code ValidateSecret}: the name, label and annotation
 * rules, data keys of at most 253 of {@code [-._a-zA-Z0-9]} and not {@code .}/{@code ..}, no key both in
 * {@code data} and {@code binaryData}, at most 1 MiB of data), so the preflight's dry run of them costs a request
 * each and tells nothing new.
 *
 * <p>Only an object whose every field is one of those rules covers counts; anything else (another Secret type,
 * owner references, finalizers, a value that is not a string) is "not known here" and goes to the server as
 * before. The answer is never "invalid": only the server's words say that.
 */
final class PlainConfigObjects {

    static final Gvk CONFIG_MAP = new Gvk("", "v1", "ConfigMap");
    static final Gvk SECRET = new Gvk("", "v1", "Secret");

    private static final Set<String> CONFIG_MAP_FIELDS = Set.of("apiVersion", "kind", "metadata", "data", "binaryData", "immutable");
    private static final Set<String> SECRET_FIELDS = Set.of("apiVersion", "kind", "metadata", "data", "stringData", "type", "immutable");
    private static final Set<String> METADATA_FIELDS = Set.of("name", "namespace", "labels", "annotations");
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final int KEY_MAX = 253;
    private static final int DATA_MAX = 1024 * 1024;
    private static final int ANNOTATIONS_MAX = 256 * 1024;

    private final LabelRules labels = new LabelRules();
    private final ObjectNameRules names = new ObjectNameRules();

    /** Whether {@code gvk} is a kind this check may know about. */
    static boolean covers(Gvk gvk) {
        return gvk.equals(CONFIG_MAP) || gvk.equals(SECRET);
    }

    /** Whether the server certainly accepts {@code object} (of a kind {@link #covers} names) as valid. */
    boolean certainlyValid(Gvk gvk, Map<String, Object> object) {
        boolean secret = gvk.equals(SECRET);
        if (!covers(gvk) || !(secret ? SECRET_FIELDS : CONFIG_MAP_FIELDS).containsAll(object.keySet())) {
            return false;
        }
        if (!(object.get("metadata") instanceof Map<?, ?> metadata) || !metadataValid(gvk, metadata)) {
            return false;
        }
        if (object.containsKey("immutable") && !(object.get("immutable") instanceof Boolean)) {
            return false;
        }
        if (secret) {
            Object type = object.get("type");
            // Other types have required keys and formats of their own (tls, dockerconfigjson, ...): the server judges.
            if (type != null && !"Opaque".equals(type)) {
                return false;
            }
            // stringData is merged into data before validation: its keys and sizes count alike.
        }
        return dataValid(object, secret);
    }

    private boolean metadataValid(Gvk gvk, Map<?, ?> metadata) {
        if (!METADATA_FIELDS.containsAll(metadata.keySet())) {
            return false;
        }
        if (!(metadata.get("name") instanceof String name) || names.checkName(gvk, name).isPresent()) {
            return false;
        }
        Object namespace = metadata.get("namespace");
        if (namespace != null && (!(namespace instanceof String ns) || names.checkNamespace(ns).isPresent())) {
            return false;
        }
        Object labelMap = metadata.get("labels");
        if (labelMap != null) {
            if (!(labelMap instanceof Map<?, ?> given)) {
                return false;
            }
            for (Map.Entry<?, ?> label : given.entrySet()) {
                if (!(label.getKey() instanceof String key) || !(label.getValue() instanceof String value)
                        || labels.checkKey(key).isPresent() || labels.checkValue(value).isPresent()) {
                    return false;
                }
            }
        }
        Object annotationMap = metadata.get("annotations");
        if (annotationMap != null) {
            if (!(annotationMap instanceof Map<?, ?> given)) {
                return false;
            }
            long size = 0;
            for (Map.Entry<?, ?> annotation : given.entrySet()) {
                // annotation keys follow the label key rule (a qualified name); values are free text
                if (!(annotation.getKey() instanceof String key) || !(annotation.getValue() instanceof String value)
                        || labels.checkKey(key).isPresent()) {
                    return false;
                }
                size += key.length() + value.length();
            }
            // the engine adds its own part annotation; a design anywhere near the limit goes to the server
            if (size > ANNOTATIONS_MAX / 2) {
                return false;
            }
        }
        return true;
    }

    /**
     * The data maps: string keys that are valid and distinct, string values (base64 where the API carries bytes),
     * at most 1 MiB in all. A ConfigMap refuses a key in both {@code data} and {@code binaryData}; a Secret's
     * {@code stringData} is text merged over {@code data} (base64), so a key may be in both (counted twice: the
     * size limit errs on the side of asking the server).
     */
    private static boolean dataValid(Map<String, Object> object, boolean secret) {
        Set<String> keys = new HashSet<>();
        long[] size = {0};
        boolean valid = secret
                ? entriesValid(object.get("data"), true, keys, size, true) && entriesValid(object.get("stringData"), false, keys, size, true)
                : entriesValid(object.get("data"), false, keys, size, false) && entriesValid(object.get("binaryData"), true, keys, size, false);
        return valid && size[0] <= DATA_MAX;
    }

    private static boolean entriesValid(Object map, boolean base64, Set<String> keys, long[] size, boolean sharedKeys) {
        if (map == null) {
            return true;
        }
        if (!(map instanceof Map<?, ?> entries)) {
            return false;
        }
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getKey() instanceof String key) || !(entry.getValue() instanceof String value) || !keyValid(key)) {
                return false;
            }
            if (!keys.add(key) && !sharedKeys) {
                return false;
            }
            if (base64) {
                try {
                    size[0] += Base64.getDecoder().decode(value).length;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            } else {
                size[0] += value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return true;
    }

    private static boolean keyValid(String key) {
        return key.length() <= KEY_MAX && KEY.matcher(key).matches() && !key.equals(".") && !key.equals("..")
                && !key.startsWith("..");
    }
}

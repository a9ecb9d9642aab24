package io.meshwright.engine.design;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules the Kubernetes API server applies to label keys and values ({@code metadata.labels}), so that a label
 * it would refuse is reported where the design wrote it: a key is an optional DNS-1123 subdomain prefix and '/',
 * then a name of at most 63 characters (letters, digits, '-', '_', '.', starting and ending with a letter or
 * digit); a value is empty or such a name.
 */
public final class LabelRules {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int NAME_MAX = 63;
    private static final int PREFIX_MAX = 253;
    private static final String NAME_RULE = "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    /** Why {@code key} cannot be a label key; empty when it can. */
    public Optional<String> checkKey(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > PREFIX_MAX || !PREFIX.matcher(prefix).matches()) {
                return Optional.of("its prefix " + quote(prefix) + " must be a DNS-1123 subdomain (e.g. example.com)");
            }
        }
        if (name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
            return Optional.of("its name " + quote(name) + " must be " + NAME_RULE);
        }
        return Optional.empty();
    }

    /** Why {@code value} cannot be a label value; empty when it can. */
    public Optional<String> checkValue(String value) {
        if (value.isEmpty() || (value.length() <= NAME_MAX && NAME.matcher(value).matches())) {
            return Optional.empty();
        }
        return Optional.of("a label value must be empty or " + NAME_RULE);
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}

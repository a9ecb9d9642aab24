package io.meshwright.engine.registry;

import java.util.Comparator;

/**
 * Orders version strings the way people read them: {@code v1.10.0} after {@code v1.9.2}, numbers compared as
 * numbers, a pre-release ({@code v1.32.0-alpha.3}) before its release.
 */
enum VersionOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        String[] left = core(a).split("[.]");
        String[] right = core(b).split("[.]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String x = i < left.length ? left[i] : "0";
            String y = i < right.length ? right[i] : "0";
            int order = x.matches("\\d{1,18}") && y.matches("\\d{1,18}")
                    ? Long.compare(Long.parseLong(x), Long.parseLong(y)) : x.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        boolean preA = a.contains("-");
        boolean preB = b.contains("-");
        if (preA != preB) {
            return preA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static String core(String version) {
        String v = version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
        int dash = v.indexOf('-');
        return dash < 0 ? v : v.substring(0, dash);
    }
}

package io.meshwright.plugins.helm.chart;

import java.util.Comparator;

/** Orders chart versions the way Helm does for "newest": numeric major.minor.patch, a pre-release sorts first. */
final class SemVer {

    static final Comparator<String> ORDER = SemVer::compare;

    private SemVer() {}

    static int compare(String a, String b) {
        String[] left = core(a).split("\\.");
        String[] right = core(b).split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? number(left[i]) : 0;
            int r = i < right.length ? number(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        boolean leftPre = pre(a);
        boolean rightPre = pre(b);
        if (leftPre != rightPre) {
            return leftPre ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static String core(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        int cut = v.indexOf('-');
        int plus = v.indexOf('+');
        if (cut < 0 || (plus >= 0 && plus < cut)) {
            cut = plus;
        }
        return cut < 0 ? v : v.substring(0, cut);
    }

    private static boolean pre(String version) {
        String v = version.indexOf('+') >= 0 ? version.substring(0, version.indexOf('+')) : version;
        return v.indexOf('-') >= 0;
    }

    private static int number(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

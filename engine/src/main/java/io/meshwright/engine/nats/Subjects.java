package io.meshwright.engine.nats;

import io.meshwright.spi.event.Event;
import io.meshwright.spi.model.Gvk;

/**
 * The NATS subjects of Meshwright's events. A subject's tokens are separated by dots and may not hold a dot,
 * {@code *}, {@code >} or white space, so each such character of a cluster name, group, version, kind or id
 * becomes {@code _} (a group {@code apps.example.com} is {@code apps_example_com}); an empty token is {@code _},
 * and the core group is {@code core}. Subjects are for filtering: the message's JSON carries the exact values.
 */
public final class Subjects {

    /** Every object change of every cluster: {@code meshwright.sync.<cluster>.<group>.<version>.<kind>}. */
    public static final String SYNC_OBJECTS = "meshwright.sync.*.*.*.*";
    /** Every lifecycle event: {@code meshwright.deployments.<id>}. */
    public static final String DEPLOYMENTS = "meshwright.deployments.*";
    /** Snapshot requests of every cluster (core NATS request/reply, outside the stream). */
    public static final String SNAPSHOTS = "meshwright.sync.*.snapshot";

    private Subjects() {}

    /** {@code meshwright.sync.<cluster>.<group>.<version>.<kind>} for an object change. */
    public static String object(Event.ClusterObjectChanged change) {
        Gvk gvk = change.object().gvk();
        return "meshwright.sync." + token(change.object().cluster()) + "." + (gvk.group().isEmpty() ? "core" : token(gvk.group()))
                + "." + token(gvk.version()) + "." + token(gvk.kind());
    }

    /** {@code meshwright.deployments.<id>} for a lifecycle event about deployment (or operation) {@code id}. */
    public static String deployment(String id) {
        return "meshwright.deployments." + token(id);
    }

    /** {@code meshwright.sync.<cluster>.snapshot}: ask it for the cluster's current objects. */
    public static String snapshot(String cluster) {
        return "meshwright.sync." + token(cluster) + ".snapshot";
    }

    /** The cluster token of a snapshot subject, {@code meshwright.sync.<cluster>.snapshot}. */
    static String snapshotCluster(String subject) {
        String[] tokens = subject.split("\\.");
        return tokens.length == 4 ? tokens[2] : "";
    }

    /** {@code text} as one subject token: dots, wildcards and white space become {@code _}; empty is {@code _}. */
    public static String token(String text) {
        if (text == null || text.isEmpty()) {
            return "_";
        }
        StringBuilder token = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            token.append(c == '.' || c == '*' || c == '>' || Character.isWhitespace(c) || Character.isISOControl(c) ? '_' : c);
        }
        return token.toString();
    }
}

package io.meshwright.engine.nats;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per object followed, the stream sequence of the last change applied, so a redelivered older change does not win.
 * A live object keeps its entry; a deleted one keeps it only as a tombstone for {@code grace} (a few ack waits: the
 * time a lost acknowledgement takes to bring an older message back), so the map does not grow with every object ever
 * deleted. Not thread-safe on its own: the follower calls it from its one consumer thread, under its lock.
 */
final class AppliedSequences {

    private record Tombstone(long sequence, long atNanos) {}

    private final long graceNanos;
    private final Map<String, Long> live = new HashMap<>();
    /** In deletion order, so the oldest are pruned first. */
    private final LinkedHashMap<String, Tombstone> deleted = new LinkedHashMap<>();

    AppliedSequences(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    /**
     * Whether the change at stream {@code sequence} to {@code key} is later than the last applied one (and is now the
     * last applied one); {@code deletion} says the object is gone after it.
     */
    boolean apply(String key, long sequence, boolean deletion, long nowNanos) {
        prune(nowNanos);
        Long last = live.get(key);
        Tombstone tombstone = deleted.get(key);
        long previous = Math.max(last == null ? -1 : last, tombstone == null ? -1 : tombstone.sequence());
        if (sequence <= previous) {
            return false;
        }
        if (deletion) {
            live.remove(key);
            deleted.remove(key); // re-inserted at the end: deletion order stays the pruning order
            deleted.put(key, new Tombstone(sequence, nowNanos));
        } else {
            deleted.remove(key);
            live.put(key, sequence);
        }
        return true;
    }

    /** Objects remembered, live and deleted (tombstones still within their grace). */
    int size() {
        return live.size() + deleted.size();
    }

    private void prune(long nowNanos) {
        Iterator<Tombstone> oldest = deleted.values().iterator();
        while (oldest.hasNext()) {
            if (nowNanos - oldest.next().atNanos() <= graceNanos) {
                return;
            }
            oldest.remove();
        }
    }
}

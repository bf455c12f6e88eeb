package app.bella.understanding;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tells a waiting poll webhook that a recording's transcription settled (done or failed), so the wait is a callback on
 * a future instead of a thread that re-reads the database every few milliseconds. Fed by this instance's
 * transcription worker and by PostgreSQL notifications from other instances ({@link TranscriptionNotifications}).
 * A settlement that arrives before anyone waits is remembered for a while, so a late poll passes at once.
 */
public final class TranscriptionSignals {

    /** How long a settlement or an unanswered wait is remembered: longer than any poll of the same turn. */
    static final long KEEP_NANOS = 120_000_000_000L;

    private record Entry(CompletableFuture<Void> settled, long createdNanos) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    /** {@code maxEntries}: beyond it a wait is not registered (the caller treats it as "ask the database now"). */
    public TranscriptionSignals(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Completes when the turn's transcription settles; completed already when it has; null when too many wait. */
    public CompletableFuture<Void> whenSettled(String callSid, int turn) {
        String key = key(callSid, turn);
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= maxEntries) {
                forgetOld();
                if (entries.size() >= maxEntries) {
                    return null;
                }
            }
            entry = entries.computeIfAbsent(key, k -> new Entry(new CompletableFuture<>(), System.nanoTime()));
        }
        return entry.settled();
    }

    /** The transcription of this turn is done or failed (idempotent). */
    public void settle(String callSid, int turn) {
        entries.computeIfAbsent(key(callSid, turn), k -> new Entry(new CompletableFuture<>(), System.nanoTime()))
                .settled().complete(null);
    }

    /** Drops what is older than any poll could still ask for. */
    public void forgetOld() {
        long now = System.nanoTime();
        entries.values().removeIf(e -> now - e.createdNanos() > KEEP_NANOS);
    }

    int size() {
        return entries.size();
    }

    private static String key(String callSid, int turn) {
        return callSid + '#' + turn;
    }
}

package dev.whereabouts.graph.console;

import dev.whereabouts.web.Caller;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in browsers, in this process's memory: a session ends after {@link #IDLE} without
 * a request, after {@link #MAX_AGE} in any case, on sign-out, and when the process stops (the DPO signs
 * in again). Several API instances behind a load balancer need sticky sessions (docs/console.md).
 */
public final class ConsoleSessions {

    /** A session unused for this long is gone. */
    public static final Duration IDLE = Duration.ofMinutes(30);

    /** A session is gone this long after sign-in, used or not. */
    public static final Duration MAX_AGE = Duration.ofHours(12);

    /** At most this many live sessions; the oldest make room. */
    static final int MAX_SESSIONS = 10_000;

    /** Per session, at most this many people's lookup reasons are remembered. */
    static final int REASONS_REMEMBERED = 1_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    private static final class Entry {
        final ConsoleSession session;
        volatile Instant lastSeen;

        Entry(ConsoleSession session, Instant lastSeen) {
            this.session = session;
            this.lastSeen = lastSeen;
        }
    }

    /** Starts a session for {@code caller}. */
    public ConsoleSession open(Caller caller) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            evictExpired(now);
            if (sessions.size() >= MAX_SESSIONS) {
                evictOldest();
            }
        }
        ConsoleSession session = new ConsoleSession(randomToken(), caller, randomToken(), now);
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session behind a cookie value, touched; empty when unknown or expired. */
    public Optional<ConsoleSession> find(String id) {
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(entry, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        entry.lastSeen = now;
        return Optional.of(entry.session);
    }

    /** Ends the session. */
    public void close(String id) {
        sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    /** A fresh random token of 256 bits, URL-safe. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private boolean expired(Entry entry, Instant now) {
        return entry.lastSeen.plus(IDLE).isBefore(now)
                || entry.session.createdAt().plus(MAX_AGE).isBefore(now);
    }

    private void evictExpired(Instant now) {
        sessions.values().removeIf(entry -> expired(entry, now));
    }

    private void evictOldest() {
        Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator();
        String oldest = null;
        Instant oldestSeen = Instant.MAX;
        while (it.hasNext()) {
            Map.Entry<String, Entry> e = it.next();
            if (e.getValue().lastSeen.isBefore(oldestSeen)) {
                oldestSeen = e.getValue().lastSeen;
                oldest = e.getKey();
            }
        }
        if (oldest != null) {
            sessions.remove(oldest);
        }
    }
}

package dev.whereabouts.graph.console;

import dev.whereabouts.web.Caller;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One signed-in browser: who it is, the token every form it posts must carry (CSRF), and, per person
 * opened in it, the reason given when they were looked up, so that every later page about them is
 * audited with that reason.
 *
 * @param id        the session cookie's value (random, 256 bits)
 * @param caller    who signed in
 * @param csrf      the token each form carries in its {@code csrf} field
 * @param createdAt when signed in; a session lives at most {@link ConsoleSessions#MAX_AGE}
 */
public record ConsoleSession(String id, Caller caller, String csrf, Instant createdAt, Map<String, String> reasons) {

    ConsoleSession(String id, Caller caller, String csrf, Instant createdAt) {
        this(id, caller, csrf, createdAt, new ConcurrentHashMap<>());
    }

    /** Remembers why the DPO opened this subject's record. */
    public void rememberReason(String subjectId, String reason) {
        if (reasons.size() >= ConsoleSessions.REASONS_REMEMBERED) {
            reasons.clear();
        }
        reasons.put(subjectId, reason);
    }

    /** The reason given in this session for opening this subject's record. */
    public Optional<String> reasonFor(String subjectId) {
        return Optional.ofNullable(reasons.get(subjectId));
    }
}

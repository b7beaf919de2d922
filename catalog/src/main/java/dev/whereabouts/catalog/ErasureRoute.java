package dev.whereabouts.catalog;

import dev.whereabouts.model.catalog.ErasureChannel;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.time.IsoPeriod;
import java.util.Objects;
import java.util.Optional;

/**
 * How a holder receives its data-subject request tasks, how soon it should answer, and whether its
 * copies expire by themselves.
 *
 * @param channel      Kafka (the holder consumes its tasks), webhook, email, or manual (a person acts)
 * @param endpoint     webhook URL or mailbox; present exactly for {@code WEBHOOK} and {@code EMAIL}
 * @param answerTime   how soon the holder should answer a task before it is sent again and escalated,
 *                     as written; empty means {@link Deadlines#DEFAULT_ANSWER_TIME} ({@link
 *                     #effectiveAnswerTime()})
 * @param selfExpiring whether the holder's copies expire by themselves (backups, caches, request
 *                     logs), so an erasure can be answered with the date the copy is gone
 * @param expiryGrace  how long a self-expiring copy may outlive the request's deadline in force and
 *                     still be answered by expiry instead of an erasure task, as written; empty means
 *                     none ({@link #effectiveExpiryGrace()}); only present when {@code selfExpiring}
 */
public record ErasureRoute(
        ErasureChannel channel,
        Optional<String> endpoint,
        Optional<IsoPeriod> answerTime,
        boolean selfExpiring,
        Optional<IsoPeriod> expiryGrace) {

    /** The grace of a self-expiring holder that names none: its copy must be gone by the deadline. */
    public static final IsoPeriod NO_EXPIRY_GRACE = IsoPeriod.parse("P0D");

    public ErasureRoute {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(answerTime, "answerTime");
        Objects.requireNonNull(expiryGrace, "expiryGrace");
        if (expiryGrace.isPresent() && !selfExpiring) {
            throw new IllegalArgumentException("an expiry grace is only meaningful for a self-expiring holder");
        }
    }

    /** A route with the default answer time whose copies do not expire by themselves. */
    public ErasureRoute(ErasureChannel channel, Optional<String> endpoint) {
        this(channel, endpoint, Optional.empty(), false, Optional.empty());
    }

    /** The answer time in force: the catalog's, else {@link Deadlines#DEFAULT_ANSWER_TIME} (P14D). */
    public IsoPeriod effectiveAnswerTime() {
        return answerTime.orElse(Deadlines.DEFAULT_ANSWER_TIME);
    }

    /** The expiry grace in force: the catalog's, else {@link #NO_EXPIRY_GRACE} (P0D). */
    public IsoPeriod effectiveExpiryGrace() {
        return expiryGrace.orElse(NO_EXPIRY_GRACE);
    }
}

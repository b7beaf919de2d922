package dev.whereabouts.model.dsr;

import dev.whereabouts.model.time.IsoPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The one deadline rule of the platform (docs/requests.md), used by the DPO API when it files a
 * request and answers an extension, and by the topology that flags requests overdue.
 *
 * <ul>
 *   <li><b>Statutory</b>: one calendar month from receipt (GDPR Art. 12(3)), in UTC; a request
 *       received on 31 January is due on 28 (or 29) February, as {@code plusMonths} clamps to the
 *       month's last day.</li>
 *   <li><b>Promised</b>: receipt plus the controller's promise in the catalog ({@code
 *       dsrResponseTime}, P4W for the seed), when it makes one.</li>
 *   <li><b>In force</b>: the earlier of the two; after the one extension, the extended deadline,
 *       which is at most two further months after the statutory one.</li>
 *   <li><b>Paused</b>: while the controller waits for information it asked the person for, both
 *       deadlines stand still; they move by the time waited.</li>
 * </ul>
 */
public final class Deadlines {

    /** The furthest an extension may push the deadline, in months beyond the statutory one. */
    public static final int MAX_EXTENSION_MONTHS = 2;

    /** Which deadline binds. */
    public enum Basis {
        STATUTORY,
        PROMISE,
        EXTENSION
    }

    /** A deadline in force and why. */
    public record InForce(Instant deadline, Basis basis) {
        public InForce {
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(basis, "basis");
        }
    }

    private Deadlines() {}

    public static Instant statutory(Instant receivedAt) {
        return receivedAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    public static Optional<Instant> promised(Instant receivedAt, Optional<IsoPeriod> promise) {
        return promise.map(p -> p.addTo(receivedAt));
    }

    /** The earlier of the statutory and the promised deadline; the statutory one when they are equal. */
    public static InForce inForce(Instant statutory, Optional<Instant> promised) {
        if (promised.isPresent() && promised.get().isBefore(statutory)) {
            return new InForce(promised.get(), Basis.PROMISE);
        }
        return new InForce(statutory, Basis.STATUTORY);
    }

    /**
     * The deadline in force given everything a request has: the extension when there is one,
     * else the earlier of the two, each shifted by the time the deadlines stood still.
     */
    public static InForce inForce(
            Instant statutory, Optional<Instant> promised, Optional<Instant> extended, Duration paused) {
        if (extended.isPresent()) {
            return new InForce(extended.get().plus(paused), Basis.EXTENSION);
        }
        return inForce(statutory.plus(paused), promised.map(p -> p.plus(paused)));
    }

    /** The latest deadline an extension may set: two further months after the statutory one. */
    public static Instant extensionLimit(Instant statutory) {
        return statutory.atZone(ZoneOffset.UTC).plusMonths(MAX_EXTENSION_MONTHS).toInstant();
    }

    /** The statutory deadline extended by {@code months} (1 or 2). */
    public static Instant extended(Instant statutory, int months) {
        if (months < 1 || months > MAX_EXTENSION_MONTHS) {
            throw new IllegalArgumentException("an extension is 1 or 2 months, got " + months);
        }
        return statutory.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    /**
     * When a holder should have answered a task issued at {@code issuedAt}: its answer time from
     * the catalog, but never later than a week before the deadline in force (nor before the issue).
     */
    public static Instant answerBy(Instant issuedAt, IsoPeriod answerTime, Instant deadline) {
        Instant byAnswerTime = answerTime.addTo(issuedAt);
        Instant weekBefore = deadline.minus(Duration.ofDays(7));
        Instant answerBy = byAnswerTime.isBefore(weekBefore) ? byAnswerTime : weekBefore;
        return answerBy.isBefore(issuedAt) ? issuedAt : answerBy;
    }

    /** A holder's answer time when the catalog names none. */
    public static final IsoPeriod DEFAULT_ANSWER_TIME = IsoPeriod.parse("P14D");
}

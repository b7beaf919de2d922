package dev.whereabouts.graph.request;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * GDPR Art. 12(3) deadlines: one calendar month from receipt, extendable once by up to two further
 * months with a recorded reason. Calendar months in UTC: a request received on 31 January is due
 * on 28 (or 29) February, as {@code plusMonths} clamps to the month's last day.
 */
public final class Deadlines {

    /** The furthest an extension may push the deadline, in months beyond the original one. */
    public static final int MAX_EXTENSION_MONTHS = 2;

    private Deadlines() {}

    public static Instant initial(Instant receivedAt) {
        return receivedAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    public static Instant extended(Instant originalDeadline, int months) {
        if (months < 1 || months > MAX_EXTENSION_MONTHS) {
            throw new IllegalArgumentException("an extension is 1 or 2 months, got " + months);
        }
        return originalDeadline.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }
}

package dev.whereabouts.graph.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console writes times: dates as {@code 7 Dec 2026}, moments as {@code 7 Dec 2026 14:03 UTC},
 * always in UTC (the deadlines are counted in UTC, docs/requests.md), and spans in whole days.
 */
public final class Formats {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern(
                    "d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Formats() {}

    /** {@code 7 Dec 2026}; null for null. */
    public static String date(Instant instant) {
        return instant == null ? null : DATE.format(instant);
    }

    /** {@code 7 Dec 2026 14:03 UTC}; null for null. */
    public static String moment(Instant instant) {
        return instant == null ? null : MOMENT.format(instant);
    }

    /** Whole days from {@code now} until {@code deadline}, negative once past (rounded towards the past). */
    public static long daysLeft(Instant now, Instant deadline) {
        return Math.floorDiv(Duration.between(now, deadline).toHours(), 24);
    }

    /** {@code 3 days left}, {@code due today}, {@code 2 days overdue}. */
    public static String daysLeftInWords(Instant now, Instant deadline) {
        if (deadline == null) {
            return null;
        }
        long days = daysLeft(now, deadline);
        if (days > 0) {
            return days + (days == 1 ? " day left" : " days left");
        }
        if (!deadline.isBefore(now)) {
            return "due today";
        }
        long late = Math.max(1, -days);
        return late + (late == 1 ? " day overdue" : " days overdue");
    }

    /** How long ago {@code then} was: {@code 20 s ago}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 days ago}. */
    public static String ago(Instant now, Instant then) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 7_200) {
            return (seconds / 60) + " min ago";
        }
        if (seconds < 172_800) {
            return (seconds / 3_600) + " h ago";
        }
        return (seconds / 86_400) + " days ago";
    }
}

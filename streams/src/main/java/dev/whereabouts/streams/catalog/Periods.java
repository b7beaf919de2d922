package dev.whereabouts.streams.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * ISO-8601 retention periods as the catalog and events write them ({@code P45D}, {@code P14M},
 * {@code P1Y}, {@code PT24H}, {@code P1DT12H}), added to instants in UTC calendar arithmetic, so
 * "one month" after 31 January is 28 or 29 February, as Art. 12(3) counts it.
 */
public final class Periods {

    private static final ConcurrentMap<String, Parsed> CACHE = new ConcurrentHashMap<>();

    private record Parsed(Period period, Duration duration) {}

    private Periods() {}

    /** True when the text is a period this class understands. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code at} plus the period, in epoch millis. */
    public static long plus(long at, String text) {
        Parsed parsed = parse(text);
        ZonedDateTime time = Instant.ofEpochMilli(at)
                .atZone(ZoneOffset.UTC)
                .plus(parsed.period)
                .plus(parsed.duration);
        return time.toInstant().toEpochMilli();
    }

    /** True when {@code a} is at most {@code b}, measured from the same instant. */
    public static boolean atMost(String a, String b) {
        long origin = 0L;
        return plus(origin, a) <= plus(origin, b);
    }

    private static Parsed parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no period");
        }
        return CACHE.computeIfAbsent(text.trim().toUpperCase(Locale.ROOT), Periods::doParse);
    }

    private static Parsed doParse(String text) {
        try {
            int t = text.indexOf('T');
            if (t < 0) {
                return new Parsed(Period.parse(text), Duration.ZERO);
            }
            Period period = t == 1 ? Period.ZERO : Period.parse(text.substring(0, t));
            Duration duration = Duration.parse("P" + text.substring(t));
            return new Parsed(period, duration);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an ISO-8601 period such as P45D, P14M, P1Y or PT24H", e);
        }
    }
}

package dev.whereabouts.model.time;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 period as the catalog writes retentions and deadlines: {@code P45D}, {@code P14M},
 * {@code P7Y}, {@code P4W}, and also a time part for what is kept only hours ({@code PT24H}).
 *
 * <p>Neither {@link Period} (no hours) nor {@link Duration} (no months or years) can hold all of
 * these, so this type keeps both parts and the text exactly as written: {@code P12M} and
 * {@code P1Y} are different declarations and stay so through Avro and back. Only non-negative
 * whole numbers are accepted; a retention is never negative or fractional in a privacy statement.
 *
 * <p>The one period type of the platform: the catalog, the emitter's events, the HTTP ingest and
 * the Streams topology all read periods through it, so a period one of them accepts the others do.
 */
public final class IsoPeriod {

    private static final Pattern SYNTAX = Pattern.compile(
            "P(?:(\\d{1,6})Y)?(?:(\\d{1,6})M)?(?:(\\d{1,6})W)?(?:(\\d{1,6})D)?(?:T(?:(\\d{1,6})H)?(?:(\\d{1,6})M)?(?:(\\d{1,6})S)?)?");

    /**
     * Parsed periods by text. The topology parses the same few retentions for every record; the
     * bound keeps arbitrary event text from growing it without end.
     */
    private static final ConcurrentMap<String, IsoPeriod> CACHE = new ConcurrentHashMap<>();

    private static final int CACHE_LIMIT = 1024;

    private final String text;
    private final Period datePart;
    private final Duration timePart;

    private IsoPeriod(String text, Period datePart, Duration timePart) {
        this.text = text;
        this.datePart = datePart;
        this.timePart = timePart;
    }

    /**
     * Parses {@code PnYnMnWnDTnHnMnS} (each part optional, at least one present).
     *
     * @throws IllegalArgumentException with a reason a catalog author can act on
     */
    public static IsoPeriod parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(explainInvalid(text)));
    }

    /** The period, or empty when {@code text} is not one; see {@link #explainInvalid(String)} for why. */
    public static Optional<IsoPeriod> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        IsoPeriod cached = CACHE.get(text);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<IsoPeriod> parsed = doParse(text);
        if (parsed.isPresent() && CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(text, parsed.get());
        }
        return parsed;
    }

    /** The same as {@link #parse(String)}. */
    public static IsoPeriod of(String text) {
        return parse(text);
    }

    /** Whether {@code text} is a period as this type reads them. */
    public static boolean isValid(String text) {
        return tryParse(text).isPresent();
    }

    private static Optional<IsoPeriod> doParse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) {
            return Optional.empty();
        }
        Period date = Period.of(number(m, 1), number(m, 2), number(m, 3) * 7 + number(m, 4));
        Duration time = Duration.ofHours(number(m, 5)).plusMinutes(number(m, 6)).plusSeconds(number(m, 7));
        return Optional.of(new IsoPeriod(text, date, time));
    }

    /** Why {@code text} is not an ISO-8601 period, with examples of what is. */
    public static String explainInvalid(String text) {
        if (text == null || text.isBlank()) {
            return "an ISO-8601 period is required, e.g. P45D, P14M, P1Y or PT24H";
        }
        String hint = "";
        if (!text.equals(text.toUpperCase(java.util.Locale.ROOT))
                && tryParse(text.toUpperCase(java.util.Locale.ROOT)).isPresent()) {
            hint = " (write it in upper case: '" + text.toUpperCase(java.util.Locale.ROOT) + "')";
        } else if (text.startsWith("-")) {
            hint = " (a period cannot be negative)";
        } else if (text.contains(".") || text.contains(",")) {
            hint = " (use whole numbers: P18M rather than P1.5Y)";
        } else if (text.matches("P\\d+[HS]") || text.matches("P\\d+M\\d*[HS]?")) {
            hint = " (hours, minutes and seconds follow a T: PT24H)";
        }
        return "'" + text + "' is not an ISO-8601 period; expected e.g. P45D, P14M, P1Y, P4W or PT24H" + hint;
    }

    /** The years, months and days (weeks counted as 7 days). */
    public Period datePart() {
        return datePart;
    }

    /** The hours, minutes and seconds. */
    public Duration timePart() {
        return timePart;
    }

    /** The period exactly as written, e.g. {@code P45D}. */
    public String value() {
        return text;
    }

    /** Whether the period is empty ({@code P0D}, {@code PT0S}): a retention of nothing. */
    public boolean isZero() {
        return datePart.isZero() && timePart.isZero();
    }

    /** {@link #addTo(Instant)} for epoch milliseconds, as Avro records carry instants. */
    public long addTo(long epochMilli) {
        return addTo(Instant.ofEpochMilli(epochMilli)).toEpochMilli();
    }

    /**
     * Whether this period ends no later than {@code other} when both start at the epoch: exact
     * calendar arithmetic from one fixed instant, where {@link #exceeds} uses average lengths.
     */
    public boolean isAtMost(IsoPeriod other) {
        return addTo(0L) <= other.addTo(0L);
    }

    /** The instant this period after {@code start}, with calendar months and years in UTC. */
    public Instant addTo(Instant start) {
        return start.atOffset(ZoneOffset.UTC).plus(datePart).plus(timePart).toInstant();
    }

    /**
     * The period as a duration with years and months of average length (365.2425 and 30.44
     * days), for comparing periods written in different units: P14M exceeds P1Y, P12M does not.
     */
    public Duration approximateDuration() {
        return ChronoUnit.YEARS
                .getDuration()
                .multipliedBy(datePart.getYears())
                .plus(ChronoUnit.MONTHS.getDuration().multipliedBy(datePart.getMonths()))
                .plus(ChronoUnit.DAYS.getDuration().multipliedBy(datePart.getDays()))
                .plus(timePart);
    }

    /** Whether this period is longer than {@code other}, comparing {@link #approximateDuration()}s. */
    public boolean exceeds(IsoPeriod other) {
        return approximateDuration().compareTo(other.approximateDuration()) > 0;
    }

    /** The period exactly as written in the catalog, e.g. {@code P45D}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsoPeriod other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    private static int number(Matcher m, int group) {
        String digits = m.group(group);
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}

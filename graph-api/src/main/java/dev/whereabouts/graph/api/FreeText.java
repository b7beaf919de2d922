package dev.whereabouts.graph.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for free text the platform keeps (a request's note, a decision's reason, an outcome's
 * evidence): it describes, it never quotes a raw identifier. Notes travel on Kafka and stay in the
 * graph, where only pseudonyms may be; a note that quotes an e-mail address or a phone number would
 * smuggle the person's identifier past the pseudonymiser. Two shapes are refused, by the field and
 * the shape, never by the value:
 *
 * <ul>
 *   <li>an e-mail address: something, {@code @}, a domain with a dot;</li>
 *   <li>a phone number or an identity number: a run of digits (spaces, dots, dashes, slashes and
 *       parentheses between them) with 9 or more digits, or 8 or more when it starts with {@code +}
 *       or {@code 0}, as phone numbers do. ISO dates and times do not count ({@code 2026-01-31},
 *       {@code 2026-01-31T10:00:00Z}).</li>
 * </ul>
 *
 * Account, customer and device ids have no shape to recognise; the documented rule covers them.
 */
public final class FreeText {

    private static final Pattern EMAIL =
            Pattern.compile("[^\\s@<>()\\[\\],;:\"']+@[^\\s@<>()\\[\\],;:\"']+\\.[\\p{L}]{2,}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern NUMBER_RUN = Pattern.compile("[+(]?\\d[\\d .\\-/()]*\\d");

    private FreeText() {}

    /** Why {@code text} may not be kept; empty when it may. Never quotes the text. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (EMAIL.matcher(text).find()) {
            return Optional.of("must not quote a raw identifier: it holds what looks like an e-mail address;"
                    + " describe it instead (e.g. 'the address on the account')");
        }
        Matcher numbers = NUMBER_RUN.matcher(DATE_TIME.matcher(text).replaceAll(" "));
        while (numbers.find()) {
            String run = numbers.group();
            long digits = run.chars().filter(Character::isDigit).count();
            boolean phoneLike = run.startsWith("+") || run.startsWith("0") || run.startsWith("(");
            if (digits >= 9 || (phoneLike && digits >= 8)) {
                return Optional.of("must not quote a raw identifier: it holds what looks like a phone number or"
                        + " an identity number; describe it instead (e.g. 'the number on the account')");
            }
        }
        return Optional.empty();
    }
}

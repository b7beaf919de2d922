package dev.whereabouts.graph.console;

import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.model.id.SubjectId;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The audit page's filters read from its query: actor, action, request id and subject as the
 * repository matches them, and a period of whole UTC days ({@code from} and {@code to}, both
 * included, as {@code YYYY-MM-DD}, what a date field sends). Every bad parameter is reported at once
 * by name and rule, never by value. Pure, so it is unit-tested without a server.
 */
final class AuditFilters {

    /** The longest actor, action or request id a filter takes. */
    static final int MAX_TEXT = 200;

    private AuditFilters() {}

    /**
     * The filter, and the values as the form shows them again.
     *
     * @param query a query parameter by name, trimmed, empty when absent or blank
     */
    static Parsed parse(Function<String, Optional<String>> query) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> actor = text(query, "actor", errors);
        Optional<String> action = text(query, "action", errors);
        Optional<String> requestId = text(query, "requestId", errors);
        Optional<String> subjectId = query.apply("subjectId");
        if (subjectId.isPresent() && !SubjectId.isValid(subjectId.get())) {
            errors.add(new FieldError("subjectId", "must be " + SubjectId.RULE));
        }
        Optional<LocalDate> from = date(query, "from", errors);
        Optional<LocalDate> to = date(query, "to", errors);
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.malformed(
                    "the audit filter is not valid: "
                            + String.join(
                                    ", ", errors.stream().map(FieldError::field).toList()),
                    errors);
        }
        AuditRepository.Filter filter = new AuditRepository.Filter(
                actor,
                subjectId,
                action,
                requestId,
                from.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()),
                to.map(d ->
                        d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()));
        return new Parsed(
                filter,
                actor.orElse(""),
                action.orElse(""),
                requestId.orElse(""),
                subjectId.orElse(""),
                from.map(LocalDate::toString).orElse(""),
                to.map(LocalDate::toString).orElse(""));
    }

    /** The filter and the form's values. */
    record Parsed(
            AuditRepository.Filter filter,
            String actor,
            String action,
            String requestId,
            String subjectId,
            String from,
            String to) {

        boolean any() {
            return !(actor + action + requestId + subjectId + from + to).isEmpty();
        }
    }

    private static Optional<String> text(
            Function<String, Optional<String>> query, String name, List<FieldError> errors) {
        Optional<String> value = query.apply(name);
        if (value.isPresent() && value.get().length() > MAX_TEXT) {
            errors.add(new FieldError(name, "must be at most " + MAX_TEXT + " characters"));
            return Optional.empty();
        }
        return value;
    }

    private static Optional<LocalDate> date(
            Function<String, Optional<String>> query, String name, List<FieldError> errors) {
        Optional<String> value = query.apply(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.get()));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date as YYYY-MM-DD"));
            return Optional.empty();
        }
    }
}

package dev.whereabouts.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.ingest.validation.IncomingEvent;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.id.PurposeId;
import dev.whereabouts.model.id.SourceSystemId;
import dev.whereabouts.model.identity.InvalidIdentifierException;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the JSON of {@code POST /v1/events} and {@code /v1/events/batch} (ingest.yaml) into
 * {@link IncomingEvent}s, collecting every shape problem with its JSON Pointer instead of stopping
 * at the first. Each value is decoded once into its type: ids by the rules of
 * {@code dev.whereabouts.model.id}, the retention by {@link IsoPeriod}, and the subject's
 * identifiers normalised and pseudonymised at once by the {@link Pseudonymiser}, so no raw
 * identifier outlives the parse; identifier errors never quote the value.
 */
final class EventJson {

    static final int MAX_CATEGORIES = 64;
    static final int MAX_TEXT = 128;
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Set<String> FIELDS = Set.of(
            "eventId",
            "occurredAt",
            "sourceSystem",
            "subject",
            "holder",
            "categories",
            "purpose",
            "legalBasis",
            "retention",
            "action");
    private static final Map<String, IdentifierType> SUBJECT_FIELDS = Map.of(
            "email",
            IdentifierType.EMAIL,
            "phone",
            IdentifierType.PHONE,
            "accountId",
            IdentifierType.ACCOUNT_ID,
            "customerId",
            IdentifierType.CUSTOMER_ID,
            "deviceId",
            IdentifierType.DEVICE_ID,
            "cookieId",
            IdentifierType.COOKIE_ID);

    private final Pseudonymiser pseudonymiser;
    private final Clock clock;

    EventJson(Pseudonymiser pseudonymiser, Clock clock) {
        this.pseudonymiser = pseudonymiser;
        this.clock = clock;
    }

    /** One event: the body itself. */
    List<IncomingEvent> single(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        Optional<IncomingEvent> event = event(body, "", errors);
        return orThrow(event.map(List::of).orElse(List.of()), errors);
    }

    /** A batch: {@code {"events": [...]}} with 1 to {@code maxEvents} events. */
    List<IncomingEvent> batch(JsonNode body, int maxEvents) {
        if (!body.isObject()) {
            throw ProblemException.invalid(
                    "the body must be a JSON object with an 'events' array",
                    List.of(new FieldError("", "expected an object, got " + kind(body))));
        }
        List<FieldError> errors = new ArrayList<>();
        unknownFields(body, Set.of("events"), "", errors);
        JsonNode events = body.get("events");
        if (events == null || !events.isArray()) {
            errors.add(
                    new FieldError("/events", events == null ? "required" : "must be an array, got " + kind(events)));
            throw ProblemException.invalid("the batch is invalid", errors);
        }
        if (events.size() > maxEvents) {
            throw ProblemException.tooLarge(
                    "a batch holds at most " + maxEvents + " events, this one " + events.size(),
                    List.of(new FieldError("/events", "at most " + maxEvents + " events")));
        }
        if (events.isEmpty()) {
            errors.add(new FieldError("/events", "must hold at least one event"));
        }
        List<IncomingEvent> parsed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            event(events.get(i), "/events/" + i, errors).ifPresent(parsed::add);
        }
        return orThrow(parsed, errors);
    }

    private static List<IncomingEvent> orThrow(List<IncomingEvent> events, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " field is" : " fields are")
                            + " invalid; nothing was published",
                    errors);
        }
        return events;
    }

    private Optional<IncomingEvent> event(JsonNode node, String at, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(at, "an event must be a JSON object, got " + kind(node)));
            return Optional.empty();
        }
        int before = errors.size();
        unknownFields(node, FIELDS, at, errors);
        Optional<EventId> eventId = optionalText(node, "eventId", at, errors)
                .flatMap(text -> typed(text, EventId::isValid, EventId::new, at + "/eventId", EventId.RULE, errors));
        Optional<Instant> occurredAt =
                optionalText(node, "occurredAt", at, errors).flatMap(text -> instant(text, at, errors));
        SourceSystemId sourceSystem = required(
                node,
                "sourceSystem",
                at,
                SourceSystemId::isValid,
                SourceSystemId::new,
                "a system id: " + SourceSystemId.RULE,
                errors);
        List<SubjectIdentifier> identifiers = subject(node.get("subject"), at + "/subject", errors);
        HolderId holder =
                required(node, "holder", at, HolderId::isValid, HolderId::new, "a holder id: " + HolderId.RULE, errors);
        List<CategoryKey> categories = categories(node.get("categories"), at + "/categories", errors);
        PurposeId purpose = required(
                node, "purpose", at, PurposeId::isValid, PurposeId::new, "a purpose id: " + PurposeId.RULE, errors);
        LegalBasis legalBasis = enumValue(node, "legalBasis", at, LegalBasis.class, true, errors);
        Optional<Period> retention =
                optionalText(node, "retention", at, errors).flatMap(text -> period(text, at, errors));
        SharingAction action = enumValue(node, "action", at, SharingAction.class, false, errors);
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new IncomingEvent(
                at,
                eventId,
                occurredAt,
                sourceSystem,
                identifiers,
                holder,
                categories,
                purpose,
                legalBasis,
                retention,
                action == null ? SharingAction.SHARED : action));
    }

    private List<SubjectIdentifier> subject(JsonNode subject, String at, List<FieldError> errors) {
        // Keyed by type so that the identifiers come out in the order IdentifierType declares.
        Map<IdentifierType, SubjectIdentifier> identifiers = new EnumMap<>(IdentifierType.class);
        if (subject == null || subject.isNull()) {
            errors.add(new FieldError(
                    at,
                    "required: at least one identifier (" + String.join(", ", sorted(SUBJECT_FIELDS.keySet())) + ")"));
            return List.of();
        }
        if (!subject.isObject()) {
            errors.add(new FieldError(at, "must be an object of identifiers, got " + kind(subject)));
            return List.of();
        }
        unknownFields(subject, SUBJECT_FIELDS.keySet(), at, errors);
        for (Map.Entry<String, IdentifierType> field : SUBJECT_FIELDS.entrySet()) {
            JsonNode value = subject.get(field.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            String pointer = at + "/" + field.getKey();
            if (!value.isTextual()) {
                errors.add(new FieldError(pointer, "must be a string, got " + kind(value)));
                continue;
            }
            try {
                identifiers.put(field.getValue(), pseudonymiser.pseudonymise(field.getValue(), value.asText()));
            } catch (InvalidIdentifierException e) {
                errors.add(new FieldError(pointer, e.reason()));
            }
        }
        if (identifiers.isEmpty() && errors.stream().noneMatch(e -> e.field().startsWith(at))) {
            errors.add(new FieldError(
                    at,
                    "at least one identifier is required (" + String.join(", ", sorted(SUBJECT_FIELDS.keySet()))
                            + ")"));
        }
        return List.copyOf(identifiers.values());
    }

    private static List<CategoryKey> categories(JsonNode node, String at, List<FieldError> errors) {
        List<CategoryKey> categories = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add(new FieldError(at, "required: at least one fideslang category, e.g. user.contact.email"));
            return categories;
        }
        if (!node.isArray()) {
            errors.add(new FieldError(at, "must be an array of strings, got " + kind(node)));
            return categories;
        }
        if (node.isEmpty() || node.size() > MAX_CATEGORIES) {
            errors.add(new FieldError(at, "must hold 1 to " + MAX_CATEGORIES + " categories, got " + node.size()));
            return categories;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                errors.add(new FieldError(at + "/" + i, "must be a non-empty string, got " + kind(item)));
            } else if (!CategoryKey.isValid(item.asText())) {
                errors.add(new FieldError(at + "/" + i, "must be " + CategoryKey.RULE));
            } else if (!seen.add(item.asText())) {
                errors.add(new FieldError(at + "/" + i, "'" + item.asText() + "' is listed twice"));
            } else {
                categories.add(new CategoryKey(item.asText()));
            }
        }
        return categories;
    }

    private Optional<Instant> instant(String text, String at, List<FieldError> errors) {
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            if (instant.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
                errors.add(new FieldError(
                        at + "/occurredAt", "is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
                return Optional.empty();
            }
            return Optional.of(instant);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(
                    at + "/occurredAt", "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T10:15:30Z"));
            return Optional.empty();
        }
    }

    private static Optional<Period> period(String text, String at, List<FieldError> errors) {
        Optional<IsoPeriod> parsed = IsoPeriod.tryParse(text);
        // An event's retention is days, months or years: the emitter carries a java.time.Period.
        if (parsed.isEmpty() || !parsed.get().timePart().isZero()) {
            errors.add(new FieldError(
                    at + "/retention", "must be an ISO-8601 period of days, months or years, e.g. P45D, P14M, P7Y"));
            return Optional.empty();
        }
        if (parsed.get().isZero()) {
            errors.add(new FieldError(at + "/retention", "must be a positive period"));
            return Optional.empty();
        }
        return Optional.of(parsed.get().datePart());
    }

    private static <E extends Enum<E>> E enumValue(
            JsonNode node, String field, String at, Class<E> type, boolean required, List<FieldError> errors) {
        JsonNode value = node.get(field);
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .filter(n -> !n.equals("UNSPECIFIED"))
                .toList();
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(at + "/" + field, "required: one of " + allowed));
            }
            return null;
        }
        if (value.isTextual() && allowed.contains(value.asText())) {
            return Enum.valueOf(type, value.asText());
        }
        errors.add(new FieldError(at + "/" + field, "must be one of " + allowed));
        return null;
    }

    private static <T> T required(
            JsonNode node,
            String field,
            String at,
            Predicate<String> rule,
            Function<String, T> type,
            String what,
            List<FieldError> errors) {
        String text = requiredText(node, field, at, errors);
        return text == null
                ? null
                : typed(text, rule, type, at + "/" + field, what, errors).orElse(null);
    }

    private static <T> Optional<T> typed(
            String text,
            Predicate<String> rule,
            Function<String, T> type,
            String pointer,
            String what,
            List<FieldError> errors) {
        if (!rule.test(text)) {
            errors.add(new FieldError(pointer, "must be " + what));
            return Optional.empty();
        }
        return Optional.of(type.apply(text));
    }

    private static String requiredText(JsonNode node, String field, String at, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(at + "/" + field, "required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(new FieldError(at + "/" + field, "must be a non-empty string, got " + kind(value)));
            return null;
        }
        if (value.asText().length() > MAX_TEXT) {
            errors.add(new FieldError(at + "/" + field, "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field, String at, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(at + "/" + field, "must be a string, got " + kind(value)));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static void unknownFields(JsonNode node, Set<String> known, String at, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(at + "/" + name, "unknown field; known: " + sorted(known)));
            }
        }
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.whereabouts.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.ingest.validation.IncomingEvent;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.identity.IdentifierNormaliser;
import dev.whereabouts.model.identity.InvalidIdentifierException;
import dev.whereabouts.model.sharing.SharingAction;
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
import java.util.regex.Pattern;

/**
 * Reads the JSON of {@code POST /v1/events} and {@code /v1/events/batch} (ingest.yaml) into
 * {@link IncomingEvent}s, collecting every shape problem with its JSON Pointer instead of stopping
 * at the first. Identifier values are checked by {@link IdentifierNormaliser}; their errors never
 * quote the value.
 */
final class EventJson {

    static final int MAX_CATEGORIES = 64;
    static final int MAX_TEXT = 128;
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern SYSTEM_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
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

    private final IdentifierNormaliser normaliser;
    private final Clock clock;

    EventJson(IdentifierNormaliser normaliser, Clock clock) {
        this.normaliser = normaliser;
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
        Optional<String> eventId = optionalText(node, "eventId", at, errors).filter(id -> {
            if (!EVENT_ID.matcher(id).matches()) {
                errors.add(new FieldError(at + "/eventId", "must be 1 to 128 letters, digits or . _ : -"));
                return false;
            }
            return true;
        });
        Optional<Instant> occurredAt =
                optionalText(node, "occurredAt", at, errors).flatMap(text -> instant(text, at, errors));
        String sourceSystem = requiredText(node, "sourceSystem", at, errors);
        if (sourceSystem != null && !SYSTEM_ID.matcher(sourceSystem).matches()) {
            errors.add(new FieldError(
                    at + "/sourceSystem", "must be a system id: lower-case letters, digits, '.', '_' or '-'"));
        }
        Map<IdentifierType, String> identifiers = subject(node.get("subject"), at + "/subject", errors);
        String holder = requiredText(node, "holder", at, errors);
        List<String> categories = categories(node.get("categories"), at + "/categories", errors);
        String purpose = requiredText(node, "purpose", at, errors);
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

    private Map<IdentifierType, String> subject(JsonNode subject, String at, List<FieldError> errors) {
        Map<IdentifierType, String> identifiers = new EnumMap<>(IdentifierType.class);
        if (subject == null || subject.isNull()) {
            errors.add(new FieldError(
                    at,
                    "required: at least one identifier (" + String.join(", ", sorted(SUBJECT_FIELDS.keySet())) + ")"));
            return identifiers;
        }
        if (!subject.isObject()) {
            errors.add(new FieldError(at, "must be an object of identifiers, got " + kind(subject)));
            return identifiers;
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
                normaliser.normalise(field.getValue(), value.asText());
                identifiers.put(field.getValue(), value.asText());
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
        return identifiers;
    }

    private static List<String> categories(JsonNode node, String at, List<FieldError> errors) {
        List<String> categories = new ArrayList<>();
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
            } else if (!seen.add(item.asText())) {
                errors.add(new FieldError(at + "/" + i, "'" + item.asText() + "' is listed twice"));
            } else {
                categories.add(item.asText());
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
        try {
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                errors.add(new FieldError(at + "/retention", "must be a positive period"));
                return Optional.empty();
            }
            return Optional.of(period);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(
                    at + "/retention", "must be an ISO-8601 period of days, months or years, e.g. P45D, P14M, P7Y"));
            return Optional.empty();
        }
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

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
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Optional<JsonFields> read = JsonFields.object(node, at, "an event must be a JSON object", errors);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        JsonFields fields = read.get();
        int before = fields.errorCount();
        fields.onlyKnown(FIELDS);
        Optional<EventId> eventId = fields.optional("eventId", EventId::isValid, EventId::new, EventId.RULE);
        Optional<Instant> occurredAt =
                fields.optionalInstant("occurredAt").filter(instant -> notInTheFuture(instant, fields));
        SourceSystemId sourceSystem = fields.required(
                "sourceSystem",
                MAX_TEXT,
                SourceSystemId::isValid,
                SourceSystemId::new,
                "a system id: " + SourceSystemId.RULE);
        List<SubjectIdentifier> identifiers = subject(fields);
        HolderId holder =
                fields.required("holder", MAX_TEXT, HolderId::isValid, HolderId::new, "a holder id: " + HolderId.RULE);
        List<CategoryKey> categories = fields.list(
                "categories",
                "required: at least one fideslang category, e.g. user.contact.email",
                "categories",
                1,
                MAX_CATEGORIES,
                true,
                CategoryKey::isValid,
                CategoryKey::new,
                CategoryKey.RULE);
        PurposeId purpose = fields.required(
                "purpose", MAX_TEXT, PurposeId::isValid, PurposeId::new, "a purpose id: " + PurposeId.RULE);
        LegalBasis legalBasis =
                fields.enumValue("legalBasis", LegalBasis.class, specified(LegalBasis.class), false, true);
        Optional<Period> retention = retention(fields);
        SharingAction action =
                fields.enumValue("action", SharingAction.class, specified(SharingAction.class), false, false);
        if (fields.errorCount() > before) {
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

    private boolean notInTheFuture(Instant instant, JsonFields fields) {
        if (instant.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            fields.reject(
                    fields.pointer("occurredAt"),
                    "is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future");
            return false;
        }
        return true;
    }

    private List<SubjectIdentifier> subject(JsonFields event) {
        String at = event.pointer("subject");
        Optional<JsonFields> read = event.object(
                "subject",
                "required: at least one identifier (" + String.join(", ", sorted(SUBJECT_FIELDS.keySet())) + ")",
                "must be an object of identifiers");
        if (read.isEmpty()) {
            return List.of();
        }
        JsonFields subject = read.get();
        subject.onlyKnown(SUBJECT_FIELDS.keySet());
        // Keyed by type so that the identifiers come out in the order IdentifierType declares.
        Map<IdentifierType, SubjectIdentifier> identifiers = new EnumMap<>(IdentifierType.class);
        for (Map.Entry<String, IdentifierType> field : SUBJECT_FIELDS.entrySet()) {
            if (subject.absent(field.getKey())) {
                continue;
            }
            JsonNode value = subject.node(field.getKey());
            String pointer = subject.pointer(field.getKey());
            if (!value.isTextual()) {
                subject.reject(pointer, "must be a string, got " + JsonFields.kind(value));
                continue;
            }
            try {
                identifiers.put(field.getValue(), pseudonymiser.pseudonymise(field.getValue(), value.asText()));
            } catch (InvalidIdentifierException e) {
                subject.reject(pointer, e.reason());
            }
        }
        if (identifiers.isEmpty()
                && subject.errors().stream().noneMatch(e -> e.field().startsWith(at))) {
            subject.reject(
                    at,
                    "at least one identifier is required (" + String.join(", ", sorted(SUBJECT_FIELDS.keySet())) + ")");
        }
        return List.copyOf(identifiers.values());
    }

    private static Optional<Period> retention(JsonFields event) {
        // An event's retention is days, months or years: the emitter carries a java.time.Period.
        Optional<IsoPeriod> parsed = event.optionalParsed(
                "retention",
                text -> IsoPeriod.tryParse(text).filter(p -> p.timePart().isZero()),
                "must be an ISO-8601 period of days, months or years, e.g. P45D, P14M, P7Y");
        if (parsed.isPresent() && parsed.get().isZero()) {
            event.reject(event.pointer("retention"), "must be a positive period");
            return Optional.empty();
        }
        return parsed.map(IsoPeriod::datePart);
    }

    /** The constants a client may name: all but the Avro default {@code UNSPECIFIED}. */
    private static <E extends Enum<E>> List<E> specified(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> !e.name().equals("UNSPECIFIED"))
                .toList();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String at, List<FieldError> errors) {
        JsonFields.object(node, at, "", errors).ifPresent(fields -> fields.onlyKnown(known));
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static String kind(JsonNode node) {
        return JsonFields.kind(node);
    }
}

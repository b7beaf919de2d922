package dev.whereabouts.emitter;

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
import dev.whereabouts.model.sharing.SharingEvent;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One sharing event being described, ended by {@link #emit()}:
 *
 * <pre>{@code
 * emitter.shared(Subject.email(user.email()).accountId(user.id()))
 *        .categories("user.contact.email", "user.device.ip_address")
 *        .to("postmark").purpose("transactional-mail").legalBasis(LegalBasis.CONTRACT)
 *        .retention(Period.ofDays(45))
 *        .emit();
 * }</pre>
 *
 * <p>The subject's identifiers are normalised and pseudonymised when the subject is given; this
 * builder keeps pseudonyms only. No method throws: a missing or malformed part is collected and
 * reported by {@code emit()} as an {@link FailedEvent.Reason#INVALID} failure naming every
 * problem. Not thread-safe; build and emit on one thread. Emitting the same builder twice sends
 * the same event id twice, which consumers treat as one event.
 */
public final class EventBuilder {

    // Values shaped like this are safe to quote in an error; anything else (an address, a number)
    // may be personal data handed to the wrong method, so only its length is reported.
    private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final KafkaEmitter emitter;
    private final SharingAction action;
    private final List<SubjectIdentifier> identifiers = new ArrayList<>(3);
    private final List<String> identifierProblems = new ArrayList<>(0);
    private final List<String> categories = new ArrayList<>(4);
    private boolean subjectGiven;
    private String holder;
    private String sourceSystem;
    private String purpose;
    private LegalBasis legalBasis;
    private Period retention;
    private Instant occurredAt;
    private boolean occurredAtGiven;
    private EventId eventId;
    private String eventIdProblem;

    EventBuilder(KafkaEmitter emitter, SharingAction action) {
        this.emitter = emitter;
        this.action = action;
    }

    /**
     * The person the event is about; replaces an earlier subject. Every identifier is normalised
     * and pseudonymised now, so the raw values are not kept beyond this call.
     */
    public EventBuilder subject(Subject subject) {
        identifiers.clear();
        identifierProblems.clear();
        subjectGiven = true;
        if (subject == null) {
            identifierProblems.add("subject is missing (null)");
            return this;
        }
        Pseudonymiser pseudonymiser = emitter.pseudonymiser();
        if (subject instanceof Subject.Pseudonymised already) {
            addPseudonymised(already, pseudonymiser.currentKeyId());
            return this;
        }
        Subject.Builder given = (Subject.Builder) subject;
        for (int i = 0; i < given.size(); i++) {
            IdentifierType type = given.typeAt(i);
            if (type == null) {
                identifierProblems.add("identifier " + (i + 1) + " has no type");
                continue;
            }
            try {
                add(pseudonymiser.pseudonymise(type, given.valueAt(i)));
            } catch (InvalidIdentifierException e) {
                identifierProblems.add("identifier " + (i + 1) + " (" + type + ") " + e.reason());
            }
        }
        return this;
    }

    private void addPseudonymised(Subject.Pseudonymised subject, String currentKeyId) {
        List<SubjectIdentifier> given = subject.identifiers();
        for (int i = 0; i < given.size(); i++) {
            SubjectIdentifier identifier = given.get(i);
            if (identifier == null || identifier.getType() == null) {
                identifierProblems.add("identifier " + (i + 1) + " has no type");
            } else if (identifier.getPseudonym() == null
                    || identifier.getPseudonym().isEmpty()) {
                identifierProblems.add("identifier " + (i + 1) + " (" + identifier.getType() + ") has no pseudonym");
            } else if (!currentKeyId.equals(identifier.getKeyId())) {
                // Key ids name keys, not people, so they may be quoted.
                identifierProblems.add("identifier " + (i + 1) + " (" + identifier.getType()
                        + ") was pseudonymised with key '" + identifier.getKeyId() + "', not with the current key '"
                        + currentKeyId + "'");
            } else {
                add(identifier);
            }
        }
    }

    /** Data categories concerned, as fideslang keys such as {@code user.contact.email}; adds to earlier ones. */
    public EventBuilder categories(String... keys) {
        return categories(keys == null ? null : Arrays.asList(keys));
    }

    /** Data categories concerned, as fideslang keys; adds to earlier ones. */
    public EventBuilder categories(Collection<String> keys) {
        if (keys == null) {
            categories.add(null);
            return this;
        }
        for (String key : keys) {
            if (key == null || !categories.contains(key)) {
                categories.add(key);
            }
        }
        return this;
    }

    /** Catalog id of the holder that received (or updated, or deleted) the data, e.g. {@code postmark}. */
    public EventBuilder to(String holder) {
        this.holder = holder;
        return this;
    }

    /** Catalog id of the purpose, e.g. {@code transactional-mail}; overrides {@code default.purpose}. */
    public EventBuilder purpose(String purpose) {
        this.purpose = purpose;
        return this;
    }

    /** Art. 6(1) legal basis; overrides {@code default.legal.basis}. */
    public EventBuilder legalBasis(LegalBasis legalBasis) {
        this.legalBasis = legalBasis;
        return this;
    }

    /** Retention agreed for this sharing; without it the catalog's default for holder and category applies. */
    public EventBuilder retention(Period retention) {
        this.retention = retention;
        return this;
    }

    /** When it happened; default: when {@code emit()} is called. */
    public EventBuilder at(Instant occurredAt) {
        this.occurredAt = occurredAt;
        this.occurredAtGiven = true;
        return this;
    }

    /** The event's id, for idempotent re-emits; default: a random UUID chosen at the first {@code emit()}. */
    public EventBuilder eventId(EventId eventId) {
        this.eventId = eventId;
        this.eventIdProblem = eventId == null ? "eventId is missing (null)" : null;
        return this;
    }

    /** The event's id as text; see {@link EventId} for its shape. */
    public EventBuilder eventId(String eventId) {
        String problem = eventId == null
                ? "eventId is missing (null)"
                : EventId.isValid(eventId)
                        ? null
                        // Not the value itself: a confused caller may have passed something personal.
                        : "eventId must be " + EventId.RULE + " (got " + eventId.length() + " characters)";
        if (problem == null) {
            return eventId(new EventId(eventId));
        }
        this.eventId = null;
        this.eventIdProblem = problem;
        return this;
    }

    /**
     * The system that shared the data, when it is not the emitter's own {@code source.system}: a
     * relay (the HTTP ingest service) emits on behalf of many services.
     */
    public EventBuilder sourceSystem(String sourceSystem) {
        this.sourceSystem = sourceSystem;
        return this;
    }

    /**
     * Validates the event and queues it for Kafka. Returns at once and never throws: the result
     * completes when the broker acknowledges the event, or exceptionally (and through the
     * {@code onFailure} callback) when the event is invalid, rejected or not delivered.
     */
    public EmitResult emit() {
        if (eventId == null && eventIdProblem == null) {
            eventId = EventId.random();
        }
        return emitter.emit(this);
    }

    /** The id this builder emits under; a placeholder id when the given one was malformed. */
    EventId eventIdForReport() {
        return eventId != null ? eventId : EventId.of("invalid-event-id");
    }

    /** Every broken rule, one line each; empty when the event can be sent. */
    List<String> problems(EmitterConfig config) {
        List<String> problems = new ArrayList<>(0);
        if (eventIdProblem != null) {
            problems.add(eventIdProblem);
        }
        if (!subjectGiven) {
            problems.add("no subject: give the person's identifiers, e.g. subject(Subject.email(...))");
        }
        problems.addAll(identifierProblems);
        if (subjectGiven && identifiers.isEmpty() && identifierProblems.isEmpty()) {
            problems.add("no identifier: the subject needs at least one (email, phone, accountId, ...)");
        }
        if (categories.isEmpty()) {
            problems.add("no category: name at least one fideslang category, e.g. user.contact.email");
        }
        for (int i = 0; i < categories.size(); i++) {
            String key = categories.get(i);
            if (key == null) {
                problems.add("category " + (i + 1) + " is missing (null)");
            } else if (!CategoryKey.isPersonalKey(key)) {
                problems.add("category " + describe(key) + " is not a fideslang user category key (lower-case"
                        + " segments joined by dots, starting with user., e.g. user.contact.email)");
            }
        }
        checkId(
                problems,
                "holder",
                holder,
                "call to(...) with the holder's catalog id, e.g. postmark",
                HolderId::isValid,
                "a catalog id (" + HolderId.RULE + ")");
        if (sourceSystem != null) {
            checkId(
                    problems,
                    "source system",
                    sourceSystem,
                    "name the system that shared the data",
                    SourceSystemId::isValid,
                    "a catalog id (" + SourceSystemId.RULE + ")");
        }
        String effectivePurpose = purpose != null ? purpose : config.defaultPurposeOrNull();
        checkId(
                problems,
                "purpose",
                effectivePurpose,
                "call purpose(...) or set " + EmitterConfig.DEFAULT_PURPOSE,
                PurposeId::isValid,
                "a catalog id (" + PurposeId.RULE + ")");
        LegalBasis basis = effectiveLegalBasis(config);
        if (basis == null) {
            problems.add("legal basis is missing: call legalBasis(...) or set " + EmitterConfig.DEFAULT_LEGAL_BASIS);
        } else if (basis == LegalBasis.UNSPECIFIED) {
            problems.add(
                    "legal basis UNSPECIFIED is only what old readers see for a newer symbol; name the actual basis");
        }
        if (retention != null && (retention.isZero() || retention.isNegative())) {
            problems.add("retention must be positive, got " + retention);
        }
        if (occurredAtGiven && occurredAt == null) {
            problems.add("occurredAt is missing (null): call at(...) with an instant, or leave it out for now");
        }
        return problems;
    }

    /** The event to send; call only when {@link #problems} is empty. */
    SharingEvent toEvent(EmitterConfig config, Instant now) {
        return new SharingEvent(
                eventId.value(),
                occurredAt != null ? occurredAt : now,
                sourceSystem != null ? sourceSystem : config.sourceSystem(),
                List.copyOf(identifiers),
                holder,
                List.copyOf(categories),
                purpose != null ? purpose : config.defaultPurposeOrNull(),
                effectiveLegalBasis(config),
                retention == null ? null : retention.toString(),
                action);
    }

    /** Holder the event names, for failure messages; {@code null} when not given. */
    String holder() {
        return holder;
    }

    private LegalBasis effectiveLegalBasis(EmitterConfig config) {
        return legalBasis != null ? legalBasis : config.defaultLegalBasisOrNull();
    }

    /**
     * Keeps identifiers in a stable order (EMAIL, PHONE, ACCOUNT_ID, ... as the enum declares
     * them), so the first one, the partition key, is the same whichever order the caller used.
     */
    private void add(SubjectIdentifier identifier) {
        int at = identifiers.size();
        for (int i = 0; i < identifiers.size(); i++) {
            SubjectIdentifier existing = identifiers.get(i);
            if (existing.getType() == identifier.getType()
                    && existing.getPseudonym().equals(identifier.getPseudonym())) {
                return;
            }
            if (existing.getType().ordinal() > identifier.getType().ordinal() && at == identifiers.size()) {
                at = i;
            }
        }
        identifiers.add(at, identifier);
    }

    private static void checkId(
            List<String> problems, String what, String value, String hint, Predicate<String> rule, String kind) {
        if (value == null || value.isBlank()) {
            problems.add(what + " is missing: " + hint);
        } else if (!rule.test(value)) {
            problems.add(what + " " + describe(value) + " is not " + kind);
        }
    }

    private static String describe(String value) {
        return QUOTABLE.matcher(value).matches() ? "'" + value + "'" : "(a value of " + value.length() + " characters)";
    }
}

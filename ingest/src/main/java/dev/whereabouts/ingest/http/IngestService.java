package dev.whereabouts.ingest.http;

import dev.whereabouts.catalog.Catalog;
import dev.whereabouts.emitter.EmitFailedException;
import dev.whereabouts.emitter.EmitResult;
import dev.whereabouts.emitter.EventBuilder;
import dev.whereabouts.emitter.Subject;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.ingest.validation.EventValidator;
import dev.whereabouts.ingest.validation.IncomingEvent;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Publishes what the HTTP endpoint received: validates every event of a request against the live
 * catalog (all or nothing), skips event ids accepted before, hands the rest to the emitter (which
 * pseudonymises them) and answers only once Kafka acknowledged every one of them.
 */
public final class IngestService {

    /** One event's answer. */
    public record Accepted(String eventId, boolean duplicate) {}

    private final WhereaboutsEmitter emitter;
    private final Supplier<Optional<Catalog>> catalog;
    private final EventValidator validator;
    private final RecentEventIds recent;
    private final Duration ackTimeout;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /**
     * @param catalog    the current catalog; empty until it has been loaded
     * @param ackTimeout how long a request waits for Kafka before answering 503
     */
    public IngestService(
            WhereaboutsEmitter emitter,
            Supplier<Optional<Catalog>> catalog,
            EventValidator validator,
            int rememberedEventIds,
            Duration ackTimeout) {
        this.emitter = emitter;
        this.catalog = catalog;
        this.validator = validator;
        this.recent = new RecentEventIds(rememberedEventIds);
        this.ackTimeout = ackTimeout;
    }

    public List<Accepted> publish(List<IncomingEvent> events) {
        Catalog current = catalog.get()
                .orElseThrow(() -> ProblemException.unavailable(
                        "the catalog has not been loaded from Kafka yet; nothing was accepted", Duration.ofSeconds(5)));
        List<FieldError> errors = new ArrayList<>();
        for (IncomingEvent event : events) {
            errors.addAll(validator.validate(event, current));
        }
        if (!errors.isEmpty()) {
            rejected.add(events.size());
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " field does" : " fields do")
                            + " not match the catalog; nothing was published",
                    errors);
        }

        List<Accepted> answers = new ArrayList<>(events.size());
        List<EmitResult> pending = new ArrayList<>(events.size());
        Set<String> inThisRequest = new HashSet<>();
        for (IncomingEvent event : events) {
            String eventId = event.eventId()
                    .map(EventId::value)
                    .orElseGet(() -> UUID.randomUUID().toString());
            if (recent.contains(eventId) || !inThisRequest.add(eventId)) {
                answers.add(new Accepted(eventId, true));
                duplicates.increment();
                continue;
            }
            answers.add(new Accepted(eventId, false));
            pending.add(emit(event, eventId));
        }
        awaitAcknowledgements(pending);
        recent.addAll(pending.stream().map(r -> r.eventId().toString()).toList());
        accepted.add(pending.size());
        return answers;
    }

    /** Counters for {@code /metrics}. */
    public Map<String, Long> counters() {
        return Map.of(
                "events_accepted_total",
                accepted.sum(),
                "events_duplicate_total",
                duplicates.sum(),
                "events_rejected_total",
                rejected.sum(),
                "events_failed_total",
                failed.sum());
    }

    private EmitResult emit(IncomingEvent event, String eventId) {
        // Pseudonymised by EventJson with the emitter's own pseudonymiser: decoded once, never again.
        Subject subject = Subject.pseudonymised(event.identifiers());
        EventBuilder builder = event.action() == SharingAction.DELETED_BY_HOLDER
                ? emitter.deletedBy(event.holder().value()).subject(subject)
                : event.action() == SharingAction.UPDATED ? emitter.updated(subject) : emitter.shared(subject);
        builder.eventId(eventId)
                .sourceSystem(event.sourceSystem().value())
                .categories(event.categories().stream().map(CategoryKey::value).toList())
                .to(event.holder().value())
                .purpose(event.purpose().value())
                .legalBasis(event.legalBasis());
        event.occurredAt().ifPresent(builder::at);
        event.retention().ifPresent(builder::retention);
        return builder.emit();
    }

    private void awaitAcknowledgements(List<EmitResult> pending) {
        CompletableFuture<?>[] acks = pending.stream()
                .map(r -> r.acknowledged().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(acks).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            failed.add(pending.size());
            Throwable cause =
                    e.getCause() instanceof java.util.concurrent.CompletionException c ? c.getCause() : e.getCause();
            String why = cause instanceof EmitFailedException failure
                    ? failure.failedEvent().message()
                    : String.valueOf(cause);
            throw ProblemException.unavailable(
                    "Kafka did not accept the events (" + why + "); resend the same request, event ids make it safe",
                    Duration.ofSeconds(5));
        } catch (TimeoutException e) {
            failed.add(pending.size());
            throw ProblemException.unavailable(
                    "Kafka did not acknowledge within " + ackTimeout.toSeconds()
                            + " s; resend the same request, event ids make it safe",
                    Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting for Kafka", Duration.ofSeconds(1));
        }
    }
}

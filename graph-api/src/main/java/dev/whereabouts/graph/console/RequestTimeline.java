package dev.whereabouts.graph.console;

import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.model.dsr.RefusalGround;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What happened to one request, in time order, for its console page: received, verified or
 * rejected, information asked and received, refused, fanned out, each holder's outcome, reminders
 * and escalations, the extension, the deadline passing, completion. Built from the request as the
 * topology reported it ({@link RequestView}); where the status carries no time (the extension), from
 * the request's audit trail. The moment of fan-out is not in the status either: the lifecycle issues
 * tasks when the identity is verified, or at receipt (or when the information asked for arrives)
 * when the catalog's policy asks for no verification (docs/requests.md), and the timeline says so.
 */
public final class RequestTimeline {

    /** The audit action of an extension (as {@code DecisionService} records it). */
    static final String EXTEND_ACTION = "request.extend";

    /**
     * One entry of the timeline.
     *
     * @param at     when; null when no time was recorded (such entries come last)
     * @param what   what happened, in words
     * @param detail who, why, with what evidence; null when nothing more to say
     */
    public record Event(Instant at, String what, String detail) {

        /** The moment in words, or that it was not recorded. */
        public String when() {
            return at == null ? "time not recorded" : Formats.moment(at);
        }

        /** The moment as an ISO instant, for {@code <time datetime>}; null when unknown. */
        public String datetime() {
            return at == null ? null : at.toString();
        }
    }

    private RequestTimeline() {}

    /**
     * The timeline of {@code request}, oldest first.
     *
     * @param trail the audit entries about this request, any order
     */
    public static List<Event> of(RequestView request, List<AuditEntry> trail) {
        List<Event> events = new ArrayList<>();
        events.add(new Event(
                request.receivedAt(), "Received", request.filedBy() == null ? null : "filed by " + request.filedBy()));
        RequestView.Verification verification = request.verification();
        if (verification != null) {
            events.add(new Event(
                    verification.decidedAt(),
                    verification.verified() ? "Identity verified" : "Identity not established: rejected",
                    by(verification.decidedBy(), words(verification.method()), verification.note())));
        }
        RequestView.InformationRequest information = request.informationRequest();
        if (information != null) {
            events.add(new Event(
                    information.askedAt(),
                    "Information asked of the person; the deadlines stand still",
                    by(information.askedBy(), null, information.note())));
            if (information.answeredAt() != null) {
                events.add(new Event(
                        information.answeredAt(),
                        "Information received",
                        "the deadlines moved by " + span(Duration.ofMillis(information.pausedMillis()))));
            }
        }
        RequestView.Refusal refusal = request.refusal();
        if (refusal != null && !RefusalGround.IDENTITY_NOT_ESTABLISHED.name().equals(refusal.ground())) {
            events.add(new Event(
                    refusal.decidedAt(),
                    "Refused: " + words(refusal.ground()),
                    by(refusal.decidedBy(), null, refusal.reason())));
        }
        if (!request.tasks().isEmpty()) {
            events.add(new Event(
                    fannedOutAt(request),
                    "Fanned out: " + request.tasks().size() + (request.tasks().size() == 1 ? " task" : " tasks")
                            + " created",
                    String.join(
                            ", ",
                            request.tasks().stream()
                                    .map(t -> t.holder() + " (" + t.type() + ")")
                                    .toList())));
        }
        for (RequestView.TaskView task : request.tasks()) {
            if (!task.isOpen()) {
                events.add(new Event(
                        task.updatedAt(),
                        task.holder() + ": " + words(task.state()),
                        task.evidence() == null ? null : "evidence: " + task.evidence()));
            } else if ("EXPIRES".equals(task.type()) && task.expiresAt() != null) {
                events.add(new Event(
                        task.updatedAt(),
                        task.holder() + ": deleted automatically, gone by " + Formats.date(task.expiresAt()),
                        null));
            }
            if (task.remindedAt() != null) {
                events.add(new Event(
                        task.remindedAt(),
                        task.holder() + (task.escalated() ? ": reminded and escalated" : ": reminded"),
                        task.answerBy() == null ? null : "no answer by " + Formats.date(task.answerBy())));
            }
        }
        if (request.isExtended()) {
            Instant extendedAt = trail.stream()
                    .filter(e -> EXTEND_ACTION.equals(e.action()))
                    .map(AuditEntry::at)
                    .max(Comparator.naturalOrder())
                    .orElse(null);
            events.add(new Event(
                    extendedAt, "Deadline extended to " + Formats.date(request.deadline()), request.extensionReason()));
        }
        if (request.overdue() && request.deadline() != null) {
            events.add(new Event(request.deadline(), "Deadline passed without an answer: overdue", null));
        }
        if (request.completedAt() != null) {
            events.add(new Event(request.completedAt(), "Finished: " + words(request.state()), null));
        }
        List<Event> ordered = new ArrayList<>(events);
        // Stable: events of the same moment keep the order of the lifecycle above.
        ordered.sort(Comparator.comparing(Event::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return List.copyOf(ordered);
    }

    /**
     * When the tasks went out, by the lifecycle: at verification when the identity was checked; at
     * receipt, or when the information asked for arrived, when no check was needed; unknown otherwise.
     */
    static Instant fannedOutAt(RequestView request) {
        RequestView.Verification verification = request.verification();
        if (verification != null) {
            return verification.verified() ? verification.decidedAt() : null;
        }
        if (request.verificationMethod() != null) {
            return null;
        }
        RequestView.InformationRequest information = request.informationRequest();
        if (information != null
                && information.answeredAt() != null
                && information.answeredAt().isAfter(request.receivedAt())) {
            return information.answeredAt();
        }
        return request.receivedAt();
    }

    private static String by(String who, String how, String note) {
        StringBuilder text = new StringBuilder();
        if (who != null) {
            text.append("by ").append(who);
        }
        if (how != null) {
            text.append(text.isEmpty() ? "" : ", ").append(how);
        }
        if (note != null) {
            text.append(text.isEmpty() ? "" : ": ").append(note);
        }
        return text.isEmpty() ? null : text.toString();
    }

    /** Whole days, or hours below a day. */
    static String span(Duration duration) {
        long days = duration.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = duration.toHours();
        return hours + (hours == 1 ? " hour" : " hours");
    }

    /** {@code ID_DOCUMENT_COPY} as {@code Id document copy}; null for null. */
    static String words(String constant) {
        return constant == null ? null : HomePage.words(constant);
    }
}

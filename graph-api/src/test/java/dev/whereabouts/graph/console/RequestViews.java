package dev.whereabouts.graph.console;

import dev.whereabouts.graph.request.RequestView;
import java.time.Instant;
import java.util.List;

/** Requests as the graph shows them, for the console's unit tests: one change at a time from a plain erasure. */
final class RequestViews {

    static final String ID = "6f1c2a9e-3b7d-4e21-9c55-0d8e7a1b2c3d";
    static final Instant RECEIVED = Instant.parse("2026-01-31T10:00:00Z");
    static final Instant DEADLINE = Instant.parse("2026-02-28T10:00:00Z");
    static final String METHOD = "ID_DOCUMENT_COPY";

    private RequestViews() {}

    /** An erasure of Alice's in {@code state}, needing the seed's identity check, no tasks, nothing decided. */
    static RequestView erasure(String state) {
        return new RequestView(
                ID,
                "ERASURE",
                state,
                "s-a11ce",
                RECEIVED,
                DEADLINE,
                "STATUTORY",
                DEADLINE,
                DEADLINE,
                null,
                false,
                METHOD,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                "dpo@smarttrackers.nl",
                List.of());
    }

    static RequestView.Verification verified(Instant at) {
        return new RequestView.Verification(METHOD, true, "dpo@smarttrackers.nl", at, "photo and MRZ checked");
    }

    static RequestView.TaskView task(String holder, String channel, String type, String state, Instant at) {
        return new RequestView.TaskView(
                ID + "/" + holder,
                holder,
                channel,
                type,
                List.of("user.contact.email"),
                state,
                null,
                null,
                at,
                false,
                false,
                at.plusSeconds(14 * 86_400),
                null,
                null);
    }

    static RequestView with(
            RequestView r,
            String state,
            RequestView.Verification verification,
            RequestView.InformationRequest information,
            List<RequestView.TaskView> tasks) {
        return new RequestView(
                r.requestId(),
                r.type(),
                state,
                r.subjectId(),
                r.receivedAt(),
                r.deadline(),
                r.deadlineBasis(),
                r.statutoryDeadline(),
                r.promisedDeadline(),
                r.extensionReason(),
                r.overdue(),
                r.verificationMethod(),
                verification,
                information,
                r.refusal(),
                r.failedHolders(),
                r.escalatedTasks(),
                r.answer(),
                r.completedAt(),
                r.filedBy(),
                tasks);
    }

    static RequestView extended(RequestView r, Instant deadline, String reason) {
        return new RequestView(
                r.requestId(),
                r.type(),
                r.state(),
                r.subjectId(),
                r.receivedAt(),
                deadline,
                "EXTENSION",
                r.statutoryDeadline(),
                r.promisedDeadline(),
                reason,
                r.overdue(),
                r.verificationMethod(),
                r.verification(),
                r.informationRequest(),
                r.refusal(),
                r.failedHolders(),
                r.escalatedTasks(),
                r.answer(),
                r.completedAt(),
                r.filedBy(),
                r.tasks());
    }

    static RequestView overdue(RequestView r) {
        return new RequestView(
                r.requestId(),
                r.type(),
                r.state(),
                r.subjectId(),
                r.receivedAt(),
                r.deadline(),
                r.deadlineBasis(),
                r.statutoryDeadline(),
                r.promisedDeadline(),
                r.extensionReason(),
                true,
                r.verificationMethod(),
                r.verification(),
                r.informationRequest(),
                r.refusal(),
                r.failedHolders(),
                r.escalatedTasks(),
                r.answer(),
                r.completedAt(),
                r.filedBy(),
                r.tasks());
    }

    static RequestView completed(RequestView r, String state, Instant at, String answer) {
        return new RequestView(
                r.requestId(),
                r.type(),
                state,
                r.subjectId(),
                r.receivedAt(),
                r.deadline(),
                r.deadlineBasis(),
                r.statutoryDeadline(),
                r.promisedDeadline(),
                r.extensionReason(),
                false,
                r.verificationMethod(),
                r.verification(),
                r.informationRequest(),
                r.refusal(),
                r.failedHolders(),
                r.escalatedTasks(),
                answer,
                at,
                r.filedBy(),
                r.tasks());
    }
}

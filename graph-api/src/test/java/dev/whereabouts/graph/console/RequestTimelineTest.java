package dev.whereabouts.graph.console;

import static dev.whereabouts.graph.console.RequestViews.erasure;
import static dev.whereabouts.graph.console.RequestViews.verified;
import static dev.whereabouts.graph.console.RequestViews.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.request.RequestView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTimelineTest {

    private static final Instant ASKED = Instant.parse("2026-02-01T09:00:00Z");
    private static final Instant ANSWERED = Instant.parse("2026-02-03T09:00:00Z");
    private static final Instant VERIFIED = Instant.parse("2026-02-04T09:00:00Z");
    private static final Instant EXTENDED = Instant.parse("2026-02-05T12:00:00Z");
    private static final Instant ERASED = Instant.parse("2026-02-06T09:00:00Z");
    private static final Instant REMINDED = Instant.parse("2026-02-18T09:00:00Z");
    private static final Instant DONE = Instant.parse("2026-02-20T09:00:00Z");

    @Test
    void shouldTellTheRequestsStoryInTimeOrderTakingTheExtensionsTimeFromTheAuditTrail() {
        // Given an erasure: information asked and received, verified, fanned out, extended, one holder
        // erased, one reminded and escalated, then finished
        RequestView.TaskView postmark = new RequestView.TaskView(
                RequestViews.ID + "/postmark",
                "postmark",
                "KAFKA",
                "ERASE",
                List.of("user.contact.email"),
                "ERASED",
                null,
                "deleted in Postmark's suppression list",
                ERASED,
                false,
                false,
                null,
                null,
                null);
        RequestView.TaskView moneybird = new RequestView.TaskView(
                RequestViews.ID + "/moneybird",
                "moneybird",
                "EMAIL",
                "RESTRICT",
                List.of("user.contact.email"),
                "PENDING",
                "invoices are kept 7 years",
                null,
                REMINDED,
                false,
                true,
                Instant.parse("2026-02-17T09:00:00Z"),
                REMINDED,
                null);
        RequestView request = RequestViews.completed(
                RequestViews.extended(
                        with(
                                erasure("IN_PROGRESS"),
                                "IN_PROGRESS",
                                verified(VERIFIED),
                                new RequestView.InformationRequest(
                                        ASKED,
                                        "dpo@smarttrackers.nl",
                                        "which account",
                                        ANSWERED,
                                        Duration.ofDays(2).toMillis()),
                                List.of(moneybird, postmark)),
                        Instant.parse("2026-04-30T10:00:00Z"),
                        "many holders"),
                "COMPLETED",
                DONE,
                "We erased your e-mail address.");
        List<AuditEntry> trail = List.of(
                audit("request.file", RequestViews.RECEIVED),
                audit(RequestTimeline.EXTEND_ACTION, EXTENDED),
                audit("request.verify", VERIFIED));

        // When the timeline is built
        List<RequestTimeline.Event> timeline = RequestTimeline.of(request, trail);

        // Then it reads in time order, from receipt to completion
        assertThat(timeline)
                .extracting(RequestTimeline.Event::what)
                .containsExactly(
                        "Received",
                        "Information asked of the person; the deadlines stand still",
                        "Information received",
                        "Identity verified",
                        "Fanned out: 2 tasks created",
                        "Deadline extended to 30 Apr 2026",
                        "postmark: Erased",
                        "moneybird: reminded and escalated",
                        "Finished: Completed");
        assertThat(timeline)
                .extracting(RequestTimeline.Event::at)
                .containsExactly(
                        RequestViews.RECEIVED, ASKED, ANSWERED, VERIFIED, VERIFIED, EXTENDED, ERASED, REMINDED, DONE);
        assertThat(timeline.get(0).detail()).isEqualTo("filed by dpo@smarttrackers.nl");
        assertThat(timeline.get(2).detail()).isEqualTo("the deadlines moved by 2 days");
        assertThat(timeline.get(3).detail())
                .isEqualTo("by dpo@smarttrackers.nl, Id document copy: photo and MRZ checked");
        assertThat(timeline.get(4).detail()).isEqualTo("moneybird (RESTRICT), postmark (ERASE)");
        assertThat(timeline.get(5).detail()).isEqualTo("many holders");
        assertThat(timeline.get(6).detail()).isEqualTo("evidence: deleted in Postmark's suppression list");
        assertThat(timeline.get(7).detail()).isEqualTo("no answer by 17 Feb 2026");
        assertThat(timeline.get(8).when()).isEqualTo("20 Feb 2026 09:00 UTC");
    }

    @Test
    void shouldFanOutAtReceiptWhenNoCheckIsNeededAndShowAnExpiringCopysDate() {
        RequestView noCheck = new RequestView(
                RequestViews.ID,
                "ERASURE",
                "IN_PROGRESS",
                "s-a11ce",
                RequestViews.RECEIVED,
                RequestViews.DEADLINE,
                "PROMISE",
                RequestViews.DEADLINE,
                RequestViews.DEADLINE,
                null,
                false,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                "dpo@smarttrackers.nl",
                List.of(new RequestView.TaskView(
                        RequestViews.ID + "/transip-vps-backups",
                        "transip-vps-backups",
                        "MANUAL",
                        "EXPIRES",
                        List.of("user.contact.email"),
                        "PENDING",
                        null,
                        null,
                        RequestViews.RECEIVED,
                        false,
                        false,
                        null,
                        null,
                        Instant.parse("2027-03-01T00:00:00Z"))));

        List<RequestTimeline.Event> timeline = RequestTimeline.of(noCheck, List.of());

        assertThat(RequestTimeline.fannedOutAt(noCheck)).isEqualTo(RequestViews.RECEIVED);
        assertThat(timeline)
                .extracting(RequestTimeline.Event::what)
                .containsExactly(
                        "Received",
                        "Fanned out: 1 task created",
                        "transip-vps-backups: deleted automatically, gone by 1 Mar 2027");
    }

    @Test
    void shouldSayWhenTheTimeOfAnEventWasNotRecordedAndListItLast() {
        // An extension the audit trail does not know (reported by the topology before this console existed)
        RequestView request = RequestViews.extended(
                with(erasure("AWAITING_VERIFICATION"), "AWAITING_VERIFICATION", null, null, List.of()),
                Instant.parse("2026-04-28T10:00:00Z"),
                "many holders");

        List<RequestTimeline.Event> timeline = RequestTimeline.of(request, List.of());

        assertThat(timeline)
                .extracting(RequestTimeline.Event::what)
                .containsExactly("Received", "Deadline extended to 28 Apr 2026");
        assertThat(timeline.get(1).when()).isEqualTo("time not recorded");
        assertThat(timeline.get(1).datetime()).isNull();
        // and a request still waiting for its check has not been fanned out
        assertThat(RequestTimeline.fannedOutAt(request)).isNull();
    }

    @Test
    void shouldTellARejectionOnceAndAnOverdueRequestsPassedDeadline() {
        RequestView rejected = new RequestView(
                RequestViews.ID,
                "ACCESS",
                "REJECTED",
                "s-a11ce",
                RequestViews.RECEIVED,
                RequestViews.DEADLINE,
                "STATUTORY",
                RequestViews.DEADLINE,
                RequestViews.DEADLINE,
                null,
                false,
                RequestViews.METHOD,
                new RequestView.Verification(RequestViews.METHOD, false, "dpo@smarttrackers.nl", VERIFIED, "differs"),
                null,
                new RequestView.Refusal(
                        "IDENTITY_NOT_ESTABLISHED", "differs", "notice", "dpo@smarttrackers.nl", VERIFIED),
                List.of(),
                List.of(),
                "notice",
                null,
                "dpo@smarttrackers.nl",
                List.of());

        assertThat(RequestTimeline.of(rejected, List.of()))
                .extracting(RequestTimeline.Event::what)
                .containsExactly("Received", "Identity not established: rejected");

        RequestView late = RequestViews.overdue(erasure("AWAITING_VERIFICATION"));
        assertThat(RequestTimeline.of(late, List.of()))
                .extracting(RequestTimeline.Event::what, RequestTimeline.Event::at)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "Deadline passed without an answer: overdue", RequestViews.DEADLINE));
    }

    private static AuditEntry audit(String action, Instant at) {
        return new AuditEntry(
                action + at, at, "dpo@smarttrackers.nl", action, List.of("s-a11ce"), "r", RequestViews.ID, "accepted");
    }
}

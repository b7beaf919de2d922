package dev.whereabouts.streams.dsr;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Requests.aDecision;
import static dev.whereabouts.streams.fixtures.Requests.aRequest;
import static dev.whereabouts.streams.fixtures.Requests.anOutcome;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.RefusalGround;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskStatus;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.fixtures.Requests;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request state machine, the deadline rule, expiry instead of erasure and reminders (docs/requests.md). */
class RequestLifecycleTest {

    private static final String ID_COPY = "ID_DOCUMENT_COPY";
    private static final Instant NOW = TopologyHarness.WALL_CLOCK_START;

    private final SubjectIdentifier alice = email("alice");
    private final TopologyHarness harness = new TopologyHarness().catalog(holders(), SeedCatalog.flows());

    @AfterEach
    void close() {
        harness.close();
    }

    /** The seed holders, with Heroku's hours-long copies and S3's backups expiring by themselves. */
    private static List<Holder> holders() {
        List<Holder> holders = SeedCatalog.holders();
        for (Holder holder : holders) {
            if (holder.getId().equals(SeedCatalog.HEROKU)) {
                holder.setSelfExpiring(true);
                holder.setExpiryGrace("P0D");
            }
            if (holder.getId().equals(SeedCatalog.S3)) {
                holder.setSelfExpiring(true);
                holder.setExpiryGrace("P1Y");
            }
            if (holder.getId().equals(SeedCatalog.TRANSIP)) {
                holder.setSelfExpiring(true);
                holder.setExpiryGrace("P0D");
            }
        }
        return holders;
    }

    private DataSubjectRequest fourWeekErasure(String id) {
        return aRequest(RequestType.ERASURE)
                .id(id)
                .of(alice)
                .receivedAt(NOW)
                .promised(NOW.plus(Duration.ofDays(28)))
                .build();
    }

    @Test
    void shouldShowBothDeadlinesWithThePromisedFourWeeksBinding() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(NOW.minusSeconds(3600)));

        // When
        harness.request(fourWeekErasure("req-p4w"));

        // Then
        RequestStatus status = harness.latestStatus("req-p4w");
        assertThat(status.getDeadline()).isEqualTo(NOW.plus(Duration.ofDays(28)));
        assertThat(status.getDeadlineBasis()).isEqualTo("PROMISE");
        assertThat(status.getStatutoryDeadline())
                .isEqualTo(NOW.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        assertThat(status.getPromisedDeadline()).isEqualTo(NOW.plus(Duration.ofDays(28)));
        assertThat(harness.tasks())
                .singleElement()
                .satisfies(t -> assertThat(t.value().getDeadline()).isEqualTo(NOW.plus(Duration.ofDays(28))));
    }

    @Test
    void shouldAskNoHolderUntilTheIdentityIsVerifiedAndRecordWhoVerifiedItAndHow() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(NOW.minusSeconds(3600)));
        harness.request(aRequest(RequestType.ACCESS)
                .id("req-v")
                .of(alice)
                .receivedAt(NOW)
                .verifiedBy(ID_COPY)
                .build());
        RequestStatus waiting = harness.latestStatus("req-v");

        // When
        RequestDecision verify =
                aDecision("req-v", DecisionKind.VERIFY, "photo, MRZ, passport number and BSN blacked out", NOW);
        verify.setMethod(ID_COPY);
        harness.decide(verify);

        // Then
        assertThat(waiting.getState()).isEqualTo(RequestState.AWAITING_VERIFICATION);
        assertThat(waiting.getVerificationMethod()).isEqualTo(ID_COPY);
        RequestStatus status = harness.latestStatus("req-v");
        assertThat(status.getState()).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(status.getVerification().getVerified()).isTrue();
        assertThat(status.getVerification().getDecidedBy()).isEqualTo("dpo-1");
        assertThat(status.getVerification().getMethod()).isEqualTo(ID_COPY);
        assertThat(harness.statuses())
                .extracting(RequestStatus::getState)
                .contains(RequestState.AWAITING_VERIFICATION, RequestState.VERIFIED, RequestState.IN_PROGRESS);
        assertThat(harness.tasks())
                .singleElement()
                .satisfies(t -> assertThat(t.value().getType()).isEqualTo(TaskType.EXPORT));
    }

    @Test
    void shouldDeadLetterASecondVerificationNamingTheState() {
        // Given a verified request
        harness.request(aRequest(RequestType.ACCESS)
                .id("req-vv")
                .of(alice)
                .receivedAt(NOW)
                .verifiedBy(ID_COPY)
                .build());
        RequestDecision first = aDecision("req-vv", DecisionKind.VERIFY, "checked", NOW);
        first.setMethod(ID_COPY);
        harness.decide(first);

        // When it is verified again
        RequestDecision second = aDecision("req-vv", DecisionKind.VERIFY, "checked again", NOW);
        second.setMethod(ID_COPY);
        harness.decide(second);
        // and the first decision is re-sent (applied once, no dead letter)
        harness.decide(first);

        // Then
        List<TestRecord<byte[], dev.whereabouts.model.deadletter.DeadLetter>> letters =
                harness.deadLetters(Topics.DSR_DECISIONS);
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.value().getReason()).contains("NO_DATA_HELD").contains("VERIFY is allowed only in");
            assertThat(l.value().getOriginalValue()).isNotNull();
        });
    }

    @Test
    void shouldRejectARequestWhoseIdentityCannotBeEstablishedWithTheNotice() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(NOW.minusSeconds(3600)));
        harness.request(aRequest(RequestType.ERASURE)
                .id("req-r")
                .of(alice)
                .receivedAt(NOW)
                .verifiedBy(ID_COPY)
                .build());

        // When
        RequestDecision reject = aDecision("req-r", DecisionKind.REJECT, "the copy shows another name", NOW);
        reject.setMethod(ID_COPY);
        reject.setNotice("We could not establish your identity. You may complain to the Autoriteit Persoonsgegevens.");
        harness.decide(reject);

        // Then
        RequestStatus status = harness.latestStatus("req-r");
        assertThat(status.getState()).isEqualTo(RequestState.REJECTED);
        assertThat(status.getVerification().getVerified()).isFalse();
        assertThat(status.getRefusal().getGround()).isEqualTo(RefusalGround.IDENTITY_NOT_ESTABLISHED);
        assertThat(status.getAnswer()).contains("Autoriteit Persoonsgegevens");
        assertThat(status.getOverdue()).isFalse();
        assertThat(harness.tasks()).isEmpty();
    }

    @Test
    void shouldRefuseAnExcessiveRequestWithTheArticle12Point4Notice() {
        // Given
        harness.request(aRequest(RequestType.ACCESS)
                .id("req-x")
                .of(alice)
                .receivedAt(NOW)
                .verifiedBy(ID_COPY)
                .build());

        // When
        RequestDecision refuse = aDecision("req-x", DecisionKind.REFUSE, "fifth identical request this month", NOW);
        refuse.setGround(RefusalGround.EXCESSIVE);
        refuse.setNotice("We will not act on this request because it repeats ... complain to the Autoriteit"
                + " Persoonsgegevens ...");
        harness.decide(refuse);

        // Then
        RequestStatus status = harness.latestStatus("req-x");
        assertThat(status.getState()).isEqualTo(RequestState.REFUSED);
        assertThat(status.getRefusal().getGround()).isEqualTo(RefusalGround.EXCESSIVE);
        assertThat(status.getRefusal().getReason()).isEqualTo("fifth identical request this month");
        assertThat(status.getAnswer()).startsWith("We will not act");
        assertThat(harness.tasks()).isEmpty();
    }

    @Test
    void shouldStopTheDeadlinesWhileWaitingForInformationAndMoveThemByTheTimeWaited() {
        // Given a request waiting for verification
        harness.request(aRequest(RequestType.ACCESS)
                .id("req-i")
                .of(alice)
                .receivedAt(NOW)
                .promised(NOW.plus(Duration.ofDays(28)))
                .verifiedBy(ID_COPY)
                .build());

        // When the DPO asks for a readable copy, and it arrives 40 days later
        harness.decide(aDecision("req-i", DecisionKind.REQUEST_INFORMATION, "the copy is unreadable", NOW));
        harness.advanceWallClock(Duration.ofDays(40));
        RequestStatus waiting = harness.latestStatus("req-i");
        harness.decide(aDecision("req-i", DecisionKind.INFORMATION_RECEIVED, null, NOW.plus(Duration.ofDays(40))));

        // Then it was never overdue while waiting, and both deadlines moved by 40 days
        assertThat(waiting.getState()).isEqualTo(RequestState.AWAITING_INFORMATION);
        assertThat(waiting.getOverdue()).isFalse();
        RequestStatus status = harness.latestStatus("req-i");
        assertThat(status.getState()).isEqualTo(RequestState.AWAITING_VERIFICATION);
        assertThat(status.getDeadline()).isEqualTo(NOW.plus(Duration.ofDays(68)));
        assertThat(status.getPromisedDeadline()).isEqualTo(NOW.plus(Duration.ofDays(68)));
        assertThat(status.getInformationRequest().getPausedMillis())
                .isEqualTo(Duration.ofDays(40).toMillis());
        assertThat(status.getOverdue()).isFalse();
    }

    @Test
    void shouldDeadLetterAnOutcomeThatDoesNotFitItsTask() {
        // Given an erasure task
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(NOW.minusSeconds(3600)));
        DataSubjectRequest erasure = fourWeekErasure("req-misfit");
        harness.request(erasure);

        // When the holder closes it as EXPORTED
        harness.outcome(anOutcome("req-misfit", SeedCatalog.POSTMARK, OutcomeType.EXPORTED, NOW));

        // Then nothing is erased on paper
        assertThat(harness.latestStatus("req-misfit").getTasks())
                .singleElement()
                .satisfies(t -> assertThat(t.getState()).isEqualTo(TaskState.PENDING));
        assertThat(harness.deadLetters(Topics.DSR_OUTCOMES))
                .singleElement()
                .satisfies(l -> assertThat(l.value().getReason())
                        .contains("a ERASE task cannot be closed as EXPORTED")
                        .contains("ERASED"));
    }

    @Test
    void shouldAnswerCopiesThatExpireByThemselvesWithTheDateTheyAreGone() {
        // Given alice's data at Heroku (kept hours) and in S3 backups (kept a year), and at Postmark
        Instant shared = NOW.minusSeconds(3600);
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.HEROKU).at(shared));
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.S3).at(shared));
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(shared));

        // When she asks for erasure and Postmark erases
        harness.request(fourWeekErasure("req-exp"));
        harness.outcome(anOutcome("req-exp", SeedCatalog.POSTMARK, OutcomeType.ERASED, NOW));

        // Then Heroku and S3 are answered with their expiry dates, and the request is complete
        RequestStatus status = harness.latestStatus("req-exp");
        TaskStatus heroku = task(status, SeedCatalog.HEROKU);
        TaskStatus s3 = task(status, SeedCatalog.S3);
        assertThat(heroku.getType()).isEqualTo(TaskType.EXPIRES);
        // the last share is stored exact to the day, so the copy counts from that day's end: never early
        Instant herokuGone = Instant.parse("2026-03-05T23:59:59.999Z");
        assertThat(shared).isEqualTo(Instant.parse("2026-03-04T08:00:00Z"));
        assertThat(heroku.getExpiresAt()).isEqualTo(herokuGone);
        assertThat(s3.getType()).isEqualTo(TaskType.EXPIRES);
        assertThat(s3.getExpiresAt()).isAfter(NOW.plus(Duration.ofDays(360)));
        assertThat(status.getState()).isEqualTo(RequestState.COMPLETED);
        assertThat(status.getAnswer())
                .contains("Heroku")
                .contains("gone by "
                        + shared.plus(Duration.ofHours(24))
                                .atZone(ZoneOffset.UTC)
                                .toLocalDate());

        // And when Heroku's date passes, its task closes by itself
        harness.advanceWallClock(Duration.ofDays(3));
        assertThat(task(harness.latestStatus("req-exp"), SeedCatalog.HEROKU).getState())
                .isEqualTo(TaskState.EXPIRED);
        assertThat(task(harness.latestStatus("req-exp"), SeedCatalog.S3).getState())
                .isEqualTo(TaskState.PENDING);
    }

    @Test
    void shouldDateABackupFedFromTheAppFromTheDeadlineByWhichTheAppErases() {
        // Given alice's data in the app, which the catalog's flows copy to S3's backups
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.APP).at(NOW.minusSeconds(3600)));

        // When she asks for erasure
        harness.request(fourWeekErasure("req-onward"));

        // Then the backup keeps being refreshed until the app erases (by the deadline in force):
        // gone a year after that, which the catalog's one-year grace allows
        TaskStatus s3 = task(harness.latestStatus("req-onward"), SeedCatalog.S3);
        assertThat(s3.getType()).isEqualTo(TaskType.EXPIRES);
        assertThat(s3.getExpiresAt())
                .isEqualTo(NOW.plus(Duration.ofDays(28))
                        .atZone(ZoneOffset.UTC)
                        .plusYears(1)
                        .toInstant());
        assertThat(task(harness.latestStatus("req-onward"), SeedCatalog.APP).getType())
                .isEqualTo(TaskType.ERASE);
    }

    @Test
    void shouldStillEraseWhereTheCopyWouldOutliveTheDeadlineByMoreThanTheCatalogAllows() {
        // Given alice's data in TransIP's backups, kept a year, with no grace beyond the deadline
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.TRANSIP).at(NOW.minusSeconds(3600)));

        // When
        harness.request(fourWeekErasure("req-bk"));

        // Then
        assertThat(harness.tasks()).singleElement().satisfies(t -> {
            assertThat(t.value().getType()).isEqualTo(TaskType.ERASE);
            assertThat(t.value().getExpiresAt()).isNull();
        });
    }

    @Test
    void shouldSendATaskAgainAndEscalateItWhenTheHolderDoesNotAnswerInTime() {
        // Given a task issued now, answer time 14 days, deadline in 28 days
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(NOW.minusSeconds(3600)));
        harness.request(fourWeekErasure("req-rem"));
        HolderTask first = harness.tasks().get(0).value();

        // When 15 days pass without an answer
        harness.advanceWallClock(Duration.ofDays(15));

        // Then the task went out again, marked as a reminder, and the status lists it as escalated
        assertThat(first.getAnswerBy()).isEqualTo(NOW.plus(Duration.ofDays(14)));
        assertThat(harness.tasks()).hasSize(2);
        assertThat(harness.tasks().get(1).value().getReminder()).isEqualTo(1);
        RequestStatus status = harness.latestStatus("req-rem");
        assertThat(status.getEscalatedTasks()).containsExactly(first.getTaskId());
        assertThat(task(status, SeedCatalog.POSTMARK).getEscalated()).isTrue();
        assertThat(status.getOverdue()).isFalse();
    }

    @Test
    void shouldNeverAskForAnAnswerLaterThanAWeekBeforeTheDeadline() {
        // Given a holder answer time of 14 days but a deadline in 10 days
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(NOW.minusSeconds(3600)));

        // When
        harness.request(aRequest(RequestType.ERASURE)
                .id("req-short")
                .of(alice)
                .receivedAt(NOW)
                .promised(NOW.plus(Duration.ofDays(10)))
                .build());

        // Then
        assertThat(harness.tasks().get(0).value().getAnswerBy()).isEqualTo(NOW.plus(Duration.ofDays(3)));
    }

    @Test
    void shouldDeadLetterARequestFiledAgainWithAnotherDeadline() {
        // Given
        DataSubjectRequest filed = fourWeekErasure("req-again");
        harness.request(filed);

        // When the same id is filed with a later deadline instead of an EXTEND decision
        harness.request(Requests.aRequest(RequestType.ERASURE)
                .id("req-again")
                .of(alice)
                .receivedAt(NOW.plus(Duration.ofDays(1)))
                .build());

        // Then
        assertThat(harness.deadLetters(Topics.DSR_REQUESTS))
                .singleElement()
                .satisfies(l -> assertThat(l.value().getReason()).contains("EXTEND decision"));
    }

    private static TaskStatus task(RequestStatus status, String holder) {
        return status.getTasks().stream()
                .filter(t -> t.getHolder().equals(holder))
                .findFirst()
                .orElseThrow();
    }
}

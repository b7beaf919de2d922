package dev.whereabouts.streams.dsr;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Pseudonyms.phone;
import static dev.whereabouts.streams.fixtures.Requests.aRequest;
import static dev.whereabouts.streams.fixtures.Requests.anExtension;
import static dev.whereabouts.streams.fixtures.Requests.anOutcome;
import static dev.whereabouts.streams.fixtures.SharingEvents.T0;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskStatus;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.SeedScenario;
import dev.whereabouts.streams.fixtures.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutcomeTrackingTest {

    private final SubjectIdentifier alice = email("alice");
    private final TopologyHarness harness = new TopologyHarness().seedCatalog();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldCompleteTheSeedErasureAndMarkTheLineageErasedAndRestricted() {
        // Given the seed person's erasure, fanned out
        SeedScenario.eventsOf(alice, phone("alice")).forEach(harness::share);
        DataSubjectRequest erasure = aRequest(RequestType.ERASURE).of(alice).build();
        harness.request(erasure);
        Instant reported = erasure.getReceivedAt().plus(Duration.ofDays(3));

        // When every holder reports
        for (String holder : SeedScenario.ALL_HOLDERS) {
            OutcomeType outcome =
                    SeedScenario.INVOICE_HOLDERS.contains(holder) ? OutcomeType.RESTRICTED : OutcomeType.ERASED;
            harness.outcome(anOutcome(erasure.getRequestId(), holder, outcome, reported));
        }

        // Then the request is completed
        RequestStatus status = harness.latestStatus(erasure.getRequestId());
        assertThat(status.getState()).isEqualTo(RequestState.COMPLETED);
        assertThat(status.getCompletedAt()).isEqualTo(reported);
        assertThat(status.getTasks())
                .allSatisfy(t -> assertThat(t.getState()).isIn(TaskState.ERASED, TaskState.RESTRICTED));
        // and the lineage says so, edge by edge
        Map<String, List<LineageRecord>> byHolder =
                harness.lineageTable().values().stream().collect(Collectors.groupingBy(LineageRecord::getHolder));
        assertThat(byHolder).containsOnlyKeys(SeedScenario.ALL_HOLDERS);
        byHolder.forEach((holder, records) -> assertThat(records).allSatisfy(r -> {
            LineageStatus expected =
                    SeedScenario.INVOICE_HOLDERS.contains(holder) ? LineageStatus.RESTRICTED : LineageStatus.ERASED;
            assertThat(r.getStatus()).as(holder + " " + r.getCategory()).isEqualTo(expected);
            assertThat(r.getStatusReason()).contains(erasure.getRequestId());
        }));
    }

    @Test
    void shouldStayInProgressUntilEveryTaskIsTerminal() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.ZENDESK).at(T0));
        DataSubjectRequest erasure = aRequest(RequestType.ERASURE).of(alice).build();
        harness.request(erasure);

        // When
        harness.outcome(
                anOutcome(erasure.getRequestId(), SeedCatalog.POSTMARK, OutcomeType.ERASED, erasure.getReceivedAt()));

        // Then
        RequestStatus status = harness.latestStatus(erasure.getRequestId());
        assertThat(status.getState()).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(status.getTasks())
                .extracting(TaskStatus::getHolder, TaskStatus::getState)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(SeedCatalog.POSTMARK, TaskState.ERASED),
                        org.assertj.core.groups.Tuple.tuple(SeedCatalog.ZENDESK, TaskState.PENDING));
    }

    @Test
    void shouldPartiallyCompleteTheRequestWhenAHolderFailsAndCompleteItWhenTheHolderRetriesSuccessfully() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        DataSubjectRequest erasure = aRequest(RequestType.ERASURE).of(alice).build();
        harness.request(erasure);

        // When
        harness.outcome(
                anOutcome(erasure.getRequestId(), SeedCatalog.POSTMARK, OutcomeType.FAILED, erasure.getReceivedAt()));
        RequestStatus afterFailure = harness.latestStatus(erasure.getRequestId());
        harness.outcome(anOutcome(
                erasure.getRequestId(),
                SeedCatalog.POSTMARK,
                OutcomeType.ERASED,
                erasure.getReceivedAt().plusSeconds(60)));

        // Then
        assertThat(afterFailure.getState()).isEqualTo(RequestState.PARTIALLY_COMPLETED);
        assertThat(afterFailure.getFailedHolders()).containsExactly(SeedCatalog.POSTMARK);
        assertThat(afterFailure.getAnswer()).contains("could not").contains("Not everything could be done");
        RequestStatus after = harness.latestStatus(erasure.getRequestId());
        assertThat(after.getState()).isEqualTo(RequestState.COMPLETED);
        assertThat(after.getFailedHolders()).isEmpty();
    }

    @Test
    void shouldDeadLetterAnOutcomeForAnUnknownRequest() {
        // When
        harness.outcome(anOutcome("no-such-request", SeedCatalog.POSTMARK, OutcomeType.ERASED, T0));

        // Then
        List<TestRecord<byte[], DeadLetter>> letters = harness.deadLetters(Topics.DSR_OUTCOMES);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).value().getReason()).contains("unknown request no-such-request");
        assertThat(letters.get(0).value().getOriginalValue()).isNotNull();
    }

    @Test
    void shouldFlagARequestOverdueWhenTheDeadlinePassesOnTheWallClock() {
        // Given a request received now-ish whose deadline is one calendar month later
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        Instant received = TopologyHarness.WALL_CLOCK_START;
        DataSubjectRequest erasure =
                aRequest(RequestType.ERASURE).of(alice).receivedAt(received).build();
        harness.request(erasure);
        harness.advanceWallClock(Duration.ofDays(20));
        RequestStatus before = harness.latestStatus(erasure.getRequestId());

        // When the wall clock passes the deadline
        harness.advanceWallClock(Duration.ofDays(12));

        // Then
        RequestStatus status = harness.latestStatus(erasure.getRequestId());
        assertThat(before.getState()).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(before.getOverdue()).isFalse();
        assertThat(status.getState()).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(status.getOverdue()).isTrue();
        assertThat(status.getTasks()).allSatisfy(t -> {
            assertThat(t.getState()).isEqualTo(TaskState.PENDING);
            assertThat(t.getOverdue()).isTrue();
        });
    }

    @Test
    void shouldExtendTheDeadlineOnceWithTheRecordedReason() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        Instant received = TopologyHarness.WALL_CLOCK_START;
        DataSubjectRequest erasure = aRequest(RequestType.ERASURE)
                .id("req-ext")
                .of(alice)
                .receivedAt(received)
                .build();
        harness.request(erasure);

        // When the DPO extends it by two months with a reason
        Instant extended = erasure.getDeadline()
                .atZone(java.time.ZoneOffset.UTC)
                .plusMonths(2)
                .toInstant();
        harness.decide(anExtension("req-ext", extended, "complex request: many holders", received));
        harness.advanceWallClock(Duration.ofDays(40));

        // Then it is not overdue after the original deadline
        RequestStatus status = harness.latestStatus("req-ext");
        assertThat(status.getDeadline()).isEqualTo(extended);
        assertThat(status.getExtensionReason()).isEqualTo("complex request: many holders");
        assertThat(status.getState()).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(status.getOverdue()).isFalse();
        assertThat(status.getDeadlineBasis()).isEqualTo("EXTENSION");
        // the holder was told the new deadline (and, not having answered in 14 days, reminded)
        assertThat(harness.tasks()).hasSize(3);
        assertThat(harness.tasks().get(1).value().getDeadline()).isEqualTo(extended);
        assertThat(harness.tasks().get(2).value().getReminder()).isEqualTo(1);
    }

    @Test
    void shouldRejectASecondExtensionIntoTheDeadLetterTopic() {
        // Given an extended request
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        DataSubjectRequest erasure =
                aRequest(RequestType.ERASURE).id("req-2x").of(alice).build();
        harness.request(erasure);
        harness.decide(anExtension(
                "req-2x", erasure.getDeadline().plus(Duration.ofDays(20)), "first", erasure.getReceivedAt()));

        // When
        harness.decide(anExtension(
                "req-2x", erasure.getDeadline().plus(Duration.ofDays(40)), "second", erasure.getReceivedAt()));

        // Then
        assertThat(harness.latestStatus("req-2x").getExtensionReason()).isEqualTo("first");
        assertThat(harness.deadLetters(Topics.DSR_DECISIONS)).singleElement().satisfies(l -> {
            assertThat(l.value().getReason()).contains("extended before").contains("one extension");
            assertThat(l.value().getOriginalValue()).isNotNull();
        });
    }
}

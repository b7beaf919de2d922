package dev.whereabouts.streams.it;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Requests.aRequest;
import static dev.whereabouts.streams.fixtures.Requests.anExtension;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.ShiftedTime;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.streams.app.StreamsApp;
import dev.whereabouts.streams.app.StreamsSettings;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deadline in force on the real broker, with the topology's wall clock moved ahead: the promise
 * (P4W) binds, an extension filed on the decisions topic is honoured (no overdue flag while the
 * extended deadline is ahead, the flag once it passes), and an unextended request is flagged.
 */
@ExtendWith(EmbeddedStackExtension.class)
class RequestDeadlineIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private StackFixture stack;

    @org.junit.jupiter.api.BeforeEach
    void remember(StackFixture stack) {
        this.stack = stack;
    }

    @AfterEach
    void groupsLeft() throws Exception {
        StreamsInstances.awaitGroupsEmpty(stack.admin());
    }

    /**
     * What the topology writes at a wall-clock punctuation carries that (moved) time; the broker
     * refuses timestamps more than an hour ahead of its own clock unless told otherwise.
     */
    @org.junit.jupiter.api.BeforeEach
    void acceptTimestampsFromTheFuture() throws Exception {
        ShiftedTime.acceptTimestampsAhead(stack.admin(), true);
    }

    @AfterEach
    void refuseTimestampsFromTheFutureAgain() throws Exception {
        ShiftedTime.acceptTimestampsAhead(stack.admin(), false);
    }

    @Test
    void shouldHonourAnExtensionFiledOnKafkaWhenTheWallClockPassesTheOriginalDeadline() throws Exception {
        ShiftedTime clock = new ShiftedTime();
        try (KafkaIo io = new KafkaIo(
                        stack.bootstrapServers(), stack.registryUrl().toString());
                StreamsApp app = new StreamsApp(
                                new StreamsSettings(StreamsInstances.settings(
                                        stack.bootstrapServers(),
                                        stack.registryUrl().toString(),
                                        stack.uniqueId("deadline"),
                                        tmp.resolve("state"))),
                                clock)
                        .start();
                KafkaIo.Reader<String, RequestStatus> statuses = io.reader(Topics.DSR_STATUS)) {
            // Given two people with data at Postmark, and an erasure for each, the seed's 4 weeks binding
            for (Holder holder : SeedCatalog.holders()) {
                io.send(Topics.CATALOG_HOLDERS, holder.getId(), holder);
            }
            for (DeclaredFlow flow : SeedCatalog.flows()) {
                io.send(Topics.CATALOG_FLOWS, flow.getId(), flow);
            }
            SubjectIdentifier alice = email("alice-" + stack.uniqueId("p"));
            SubjectIdentifier bob = email("bob-" + stack.uniqueId("p"));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (SubjectIdentifier person : List.of(alice, bob)) {
                SharingEvent event = aSharingEvent()
                        .of(person)
                        .to(SeedCatalog.POSTMARK)
                        .at(now.minusSeconds(60))
                        .build();
                io.send(Topics.SHARING_EVENTS, person.getPseudonym(), event);
            }
            io.flush();
            DataSubjectRequest extended = erasure(alice, now);
            DataSubjectRequest plain = erasure(bob, now);
            io.send(Topics.DSR_REQUESTS, alice.getPseudonym(), extended);
            io.send(Topics.DSR_REQUESTS, bob.getPseudonym(), plain);
            io.flush();
            RequestStatus filed =
                    latest(statuses, extended.getRequestId(), s -> s.getState() == RequestState.IN_PROGRESS);
            assertThat(filed.getDeadlineBasis()).isEqualTo("PROMISE");
            assertThat(filed.getDeadline()).isEqualTo(now.plus(Duration.ofDays(28)));
            latest(statuses, plain.getRequestId(), s -> s.getState() == RequestState.IN_PROGRESS);

            // When the DPO extends alice's request by two months
            Instant newDeadline = Deadlines.extended(extended.getStatutoryDeadline(), 2);
            io.send(
                    Topics.DSR_DECISIONS,
                    extended.getRequestId(),
                    anExtension(extended.getRequestId(), newDeadline, "many holders to reach", now));
            io.flush();
            latest(statuses, extended.getRequestId(), s -> "EXTENSION".equals(s.getDeadlineBasis()));

            // And the topology's wall clock moves 40 days on, past the promise and the statutory month
            clock.advance(Duration.ofDays(40));

            // Then bob's request is flagged overdue, alice's is not
            RequestStatus bobs = latest(statuses, plain.getRequestId(), RequestStatus::getOverdue);
            assertThat(bobs.getState()).isEqualTo(RequestState.IN_PROGRESS);
            RequestStatus alices = latest(
                    statuses,
                    extended.getRequestId(),
                    s -> !s.getEscalatedTasks().isEmpty());
            assertThat(alices.getOverdue()).isFalse();
            assertThat(alices.getDeadline()).isEqualTo(newDeadline);
            assertThat(alices.getExtensionReason()).isEqualTo("many holders to reach");

            // And once the extended deadline passes too, alice's is flagged
            clock.advance(Duration.ofDays(60));
            assertThat(latest(statuses, extended.getRequestId(), RequestStatus::getOverdue)
                            .getDeadline())
                    .isEqualTo(newDeadline);
        }
    }

    private static DataSubjectRequest erasure(SubjectIdentifier person, Instant now) {
        return aRequest(RequestType.ERASURE)
                .of(person)
                .receivedAt(now)
                .promised(now.plus(Duration.ofDays(28)))
                .build();
    }

    private static RequestStatus latest(
            KafkaIo.Reader<String, RequestStatus> statuses,
            String requestId,
            java.util.function.Predicate<RequestStatus> condition) {
        List<ConsumerRecord<String, RequestStatus>> seen = statuses.until(
                records -> last(records, requestId).filter(condition).isPresent(), WAIT);
        return last(seen, requestId).orElseThrow();
    }

    private static Optional<RequestStatus> last(List<ConsumerRecord<String, RequestStatus>> records, String requestId) {
        RequestStatus found = null;
        for (ConsumerRecord<String, RequestStatus> record : records) {
            if (record.key().equals(requestId)) {
                found = record.value();
            }
        }
        return Optional.ofNullable(found);
    }
}

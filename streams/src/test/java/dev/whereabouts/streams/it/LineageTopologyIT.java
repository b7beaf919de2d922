package dev.whereabouts.streams.it;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Pseudonyms.phone;
import static dev.whereabouts.streams.fixtures.Requests.aRequest;
import static dev.whereabouts.streams.fixtures.Requests.anOutcome;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.streams.app.StreamsApp;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.SeedScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedStackExtension.class)
class LineageTopologyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private StackFixture stack;

    @org.junit.jupiter.api.BeforeEach
    void remember(StackFixture stack) {
        this.stack = stack;
    }

    @org.junit.jupiter.api.AfterEach
    void awaitGroupsEmpty() throws Exception {
        StreamsInstances.awaitGroupsEmpty(stack.admin());
    }

    @Test
    void shouldRunTheSeedScenarioEndToEndOnTheRealBroker(StackFixture stack) throws Exception {
        try (KafkaIo io = new KafkaIo(
                        stack.bootstrapServers(), stack.registryUrl().toString());
                StreamsApp app = StreamsInstances.inProcess(StreamsInstances.settings(
                        stack.bootstrapServers(),
                        stack.registryUrl().toString(),
                        stack.uniqueId("seed"),
                        tmp.resolve("state")));
                KafkaIo.Reader<LineageKey, LineageRecord> lineage = io.reader(Topics.LINEAGE);
                KafkaIo.Reader<String, HolderTask> tasks = io.reader(Topics.DSR_TASKS);
                KafkaIo.Reader<String, RequestStatus> statuses = io.reader(Topics.DSR_STATUS)) {
            // Given the seed catalog and the seed person's events
            publishCatalog(io);
            SubjectIdentifier alice = email("alice");
            SeedScenario.eventsOf(alice, phone("alice")).forEach(e -> io.send(Topics.SHARING_EVENTS, key(e), e));
            io.flush();

            // Then lineage appears for every holder, direct and onward
            lineage.until(r -> holders(r).containsAll(SeedScenario.ALL_HOLDERS), WAIT);

            // When the person asks for erasure
            DataSubjectRequest erasure = aRequest(RequestType.ERASURE)
                    .of(alice)
                    .receivedAt(Instant.now())
                    .build();
            io.send(Topics.DSR_REQUESTS, alice.getPseudonym(), erasure);
            io.flush();

            // Then every holder gets its task, with the tax hold as a restriction
            Map<String, HolderTask> byHolder =
                    tasks.until(r -> r.size() >= SeedScenario.ALL_HOLDERS.size(), WAIT).stream()
                            .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
            assertThat(byHolder).containsOnlyKeys(SeedScenario.ALL_HOLDERS);
            byHolder.forEach((holder, task) -> assertThat(task.getType())
                    .as(holder)
                    .isEqualTo(SeedScenario.INVOICE_HOLDERS.contains(holder) ? TaskType.RESTRICT : TaskType.ERASE));

            // When the holders report
            for (String holder : SeedScenario.ALL_HOLDERS) {
                OutcomeType outcome =
                        SeedScenario.INVOICE_HOLDERS.contains(holder) ? OutcomeType.RESTRICTED : OutcomeType.ERASED;
                io.send(
                        Topics.DSR_OUTCOMES,
                        erasure.getRequestId(),
                        anOutcome(erasure.getRequestId(), holder, outcome, Instant.now()));
            }
            io.flush();

            // Then the request completes and the lineage of the (possibly stitched) subject is marked;
            // keys of a subject merged away mid-stream keep their last record, as SubjectMerge announces
            statuses.until(r -> !r.isEmpty() && r.get(r.size() - 1).value().getState() == RequestState.COMPLETED, WAIT);
            String subject = byHolder.values().iterator().next().getSubjectId();
            lineage.until(
                    r -> {
                        Map<LineageKey, LineageRecord> table = new HashMap<>();
                        r.stream()
                                .filter(x -> x.key().getSubjectId().equals(subject))
                                .forEach(x -> table.put(x.key(), x.value()));
                        return holders(table.keySet()).containsAll(SeedScenario.ALL_HOLDERS)
                                && table.values().stream()
                                        .allMatch(v -> v.getStatus()
                                                == (SeedScenario.INVOICE_HOLDERS.contains(v.getHolder())
                                                        ? LineageStatus.RESTRICTED
                                                        : LineageStatus.ERASED));
                    },
                    WAIT);
        }
    }

    @Test
    void shouldShareThePartitionsBetweenTwoInstances(StackFixture stack) throws Exception {
        String applicationId = stack.uniqueId("scale");
        try (KafkaIo io = new KafkaIo(
                        stack.bootstrapServers(), stack.registryUrl().toString());
                StreamsApp first = StreamsInstances.inProcess(StreamsInstances.settings(
                        stack.bootstrapServers(), stack.registryUrl().toString(), applicationId, tmp.resolve("a")));
                StreamsApp second = StreamsInstances.inProcess(StreamsInstances.settings(
                        stack.bootstrapServers(), stack.registryUrl().toString(), applicationId, tmp.resolve("b")));
                KafkaIo.Reader<LineageKey, LineageRecord> lineage = io.reader(Topics.LINEAGE);
                KafkaIo.Reader<String, RequestStatus> statuses = io.reader(Topics.DSR_STATUS)) {
            // Given both instances running
            publishCatalog(io);
            StreamsInstances.awaitRunning(first, second);

            // When 300 people share with two holders each, then 20 of them ask for access
            int people = 300;
            for (int i = 0; i < people; i++) {
                SubjectIdentifier id = email("scale-" + i);
                io.send(
                        Topics.SHARING_EVENTS,
                        id.getPseudonym(),
                        aSharingEvent().of(id).to(SeedCatalog.POSTMARK).build());
                io.send(
                        Topics.SHARING_EVENTS,
                        id.getPseudonym(),
                        aSharingEvent().of(id).to(SeedCatalog.ZENDESK).build());
            }
            io.flush();
            lineage.until(r -> r.size() >= people * 2, WAIT);
            // Requests travel another topic than shares, so Kafka orders nothing between them: a
            // request answers with what the lineage held when it arrived. Ask once both shares are in.
            for (int i = 0; i < 20; i++) {
                SubjectIdentifier id = email("scale-" + i);
                io.send(
                        Topics.DSR_REQUESTS,
                        id.getPseudonym(),
                        aRequest(RequestType.ACCESS)
                                .of(id)
                                .receivedAt(Instant.now())
                                .build());
            }
            io.flush();

            // Then every edge and every request is processed once, by whichever instance owns it
            statuses.until(r -> r.stream().map(ConsumerRecord::key).distinct().count() >= 20, WAIT);
            assertThat(lineage.table()).hasSize(people * 2);
            assertThat(activeTasks(first)).isNotEmpty();
            assertThat(activeTasks(second)).isNotEmpty();
            assertThat(statuses.table().values())
                    .allSatisfy(s -> assertThat(s.getTasks()).hasSize(2));
        }
    }

    @Test
    void shouldLoseNothingAndCountNothingTwiceWhenAnInstanceIsKilledMidStream(StackFixture stack) throws Exception {
        String applicationId = stack.uniqueId("kill");
        Map<Setting<?>, Object> settings = StreamsInstances.settings(
                stack.bootstrapServers(), stack.registryUrl().toString(), applicationId, tmp.resolve("state"));
        try (KafkaIo io = new KafkaIo(
                        stack.bootstrapServers(), stack.registryUrl().toString());
                KafkaIo.Reader<LineageKey, LineageRecord> lineage = io.reader(Topics.LINEAGE);
                KafkaIo.Reader<String, RequestStatus> statuses = io.reader(Topics.DSR_STATUS)) {
            // Given a request half answered
            publishCatalog(io);
            SubjectIdentifier bob = email("bob");
            io.send(
                    Topics.SHARING_EVENTS,
                    bob.getPseudonym(),
                    aSharingEvent().of(bob).to(SeedCatalog.POSTMARK).build());
            io.send(
                    Topics.SHARING_EVENTS,
                    bob.getPseudonym(),
                    aSharingEvent().of(bob).to(SeedCatalog.ZENDESK).build());
            io.flush();
            Process child = StreamsInstances.childJvm(settings, tmp.resolve("child-1.log"));
            try {
                lineage.until(r -> r.size() >= 2, WAIT);
                DataSubjectRequest erasure = aRequest(RequestType.ERASURE)
                        .of(bob)
                        .receivedAt(Instant.now())
                        .build();
                io.send(Topics.DSR_REQUESTS, bob.getPseudonym(), erasure);
                io.flush();
                statuses.until(r -> !r.isEmpty(), WAIT);
                io.send(
                        Topics.DSR_OUTCOMES,
                        erasure.getRequestId(),
                        anOutcome(erasure.getRequestId(), SeedCatalog.POSTMARK, OutcomeType.ERASED, Instant.now()));
                io.flush();
                statuses.until(r -> r.size() >= 2, WAIT);

                // When a stream of events is being processed and the instance is killed -9
                int people = 3_000;
                Thread producer = new Thread(() -> {
                    for (int i = 0; i < people; i++) {
                        SubjectIdentifier id = email("kill-" + i);
                        io.send(
                                Topics.SHARING_EVENTS,
                                id.getPseudonym(),
                                aSharingEvent()
                                        .id("kill-event-" + i)
                                        .of(id)
                                        .to(SeedCatalog.POSTMARK)
                                        .build());
                        if (i % 300 == 0) {
                            io.flush();
                            StreamsInstances.sleep(100);
                        }
                    }
                    io.flush();
                });
                producer.start();
                lineage.until(r -> r.size() >= 500, WAIT);
                child.destroyForcibly().waitFor();
                producer.join();

                // and a new instance takes over the same state directory
                child = StreamsInstances.childJvm(settings, tmp.resolve("child-2.log"));
                lineage.until(r -> r.size() >= people + 2, Duration.ofSeconds(90));
                io.send(
                        Topics.DSR_OUTCOMES,
                        erasure.getRequestId(),
                        anOutcome(erasure.getRequestId(), SeedCatalog.ZENDESK, OutcomeType.ERASED, Instant.now()));
                io.flush();
                statuses.until(r -> r.get(r.size() - 1).value().getState() == RequestState.COMPLETED, WAIT);

                // Then every event made exactly one committed lineage record, and the request kept its history
                lineage.poll(Duration.ofSeconds(2));
                Map<LineageKey, Long> perKey = lineage.records().stream()
                        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
                assertThat(perKey).hasSize(people + 2);
                assertThat(perKey.values()).as("records per edge").containsOnly(1L, 2L);
                assertThat(perKey.entrySet().stream()
                                .filter(e -> e.getValue() > 1)
                                .map(e -> e.getKey().getSubjectId())
                                .distinct()
                                .count())
                        .as("only bob's erased edges were emitted twice")
                        .isEqualTo(1);
                RequestStatus last =
                        statuses.records().get(statuses.records().size() - 1).value();
                assertThat(last.getTasks())
                        .hasSize(2)
                        .allSatisfy(t -> assertThat(t.getEvidence()).isNotNull());
            } finally {
                // SIGTERM: the instance leaves its group, so the fixture can reset between tests.
                child.destroy();
                if (!child.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static java.util.Set<String> activeTasks(StreamsApp app) {
        return app.streams().metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .map(t -> t.taskId().toString())
                .collect(Collectors.toSet());
    }

    private static void publishCatalog(KafkaIo io) {
        for (Holder holder : SeedCatalog.holders()) {
            io.send(Topics.CATALOG_HOLDERS, holder.getId(), holder);
        }
        for (DeclaredFlow flow : SeedCatalog.flows()) {
            io.send(Topics.CATALOG_FLOWS, flow.getId(), flow);
        }
        io.flush();
    }

    private static String key(SharingEvent event) {
        return event.getIdentifiers().get(0).getPseudonym();
    }

    private static java.util.Set<String> holders(List<ConsumerRecord<LineageKey, LineageRecord>> records) {
        return holders(records.stream().map(ConsumerRecord::key).toList());
    }

    private static java.util.Set<String> holders(java.util.Collection<LineageKey> keys) {
        return keys.stream().map(LineageKey::getHolder).collect(Collectors.toSet());
    }
}

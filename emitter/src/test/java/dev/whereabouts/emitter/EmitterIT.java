package dev.whereabouts.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.whereabouts.emitter.FailedEvent.Reason;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.identity.PseudonymisationKey;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The emitter against the real embedded broker and registry. */
@ExtendWith(EmbeddedStackExtension.class)
class EmitterIT {

    private static final Pseudonymiser PSEUDONYMISER =
            new Pseudonymiser(PseudonymisationKeys.of(new PseudonymisationKey(
                    "it-key", "emitter-it-secret-0123456789abcdef".getBytes(StandardCharsets.US_ASCII))));
    private static final Instant MAILED_AT = Instant.parse("2026-11-25T10:15:30.123Z");

    @Test
    void shouldDeliverPseudonymisedEventsThatConsumersReadBackUnchanged(StackFixture stack) throws Exception {
        // Given an emitter on the embedded broker and registry
        List<FailedEvent> failures = new ArrayList<>();
        List<EmitResult> alice = new ArrayList<>();
        EmitResult bob;
        try (WhereaboutsEmitter emitter = WhereaboutsEmitter.builder()
                .bootstrapServers(stack.bootstrapServers())
                .schemaRegistryUrl(stack.registryUrl().toString())
                .sourceSystem("smarttrackers-app")
                .pseudonymiser(PSEUDONYMISER)
                .onFailure(failures::add)
                .build()) {

            // When the app mails Alice through Postmark, updates her at Zendesk, Zendesk deletes her, and Bob signs up
            alice.add(emitter.shared(Subject.email("Alice@Example.com ")
                            .phone("+31 (0)24 2022680")
                            .accountId("ACC-778899"))
                    .categories("user.contact.email", "user.device.ip_address")
                    .to("postmark")
                    .purpose("transactional-mail")
                    .legalBasis(LegalBasis.CONTRACT)
                    .retention(Period.ofDays(45))
                    .at(MAILED_AT)
                    .emit());
            alice.add(emitter.updated(Subject.email("alice@example.com"))
                    .categories("user.contact.email")
                    .to("zendesk")
                    .purpose("helpdesk")
                    .legalBasis(LegalBasis.CONTRACT)
                    .emit());
            alice.add(emitter.deletedBy("zendesk")
                    .subject(Subject.email("ALICE@EXAMPLE.COM"))
                    .categories("user.contact.email")
                    .purpose("helpdesk")
                    .legalBasis(LegalBasis.CONTRACT)
                    .emit());
            bob = emitter.shared(Subject.email("bob@example.org"))
                    .categories("user.behavior")
                    .to("google-analytics")
                    .purpose("analytics")
                    .legalBasis(LegalBasis.CONSENT)
                    .retention(Period.ofMonths(14))
                    .emit();

            // Then every event is acknowledged by the broker
            assertThat(emitter.flush(Duration.ofSeconds(30))).isTrue();
            for (EmitResult result : alice) {
                assertThat(result.isAcknowledged()).as(result.toString()).isTrue();
            }
            assertThat(bob.isAcknowledged()).isTrue();
            assertThat(emitter.metrics()).isEqualTo(new EmitterMetrics(4, 4, 4, 0, 0, 0, 0, 0));
        }
        assertThat(failures).isEmpty();

        // And a consumer with the topic's serdes reads exactly the expected events, pseudonymised
        List<ConsumerRecord<String, SharingEvent>> records = consume(stack, 4);
        SubjectIdentifier aliceEmail = PSEUDONYMISER.pseudonymise(IdentifierType.EMAIL, "alice@example.com");
        assertThat(records)
                .extracting(ConsumerRecord::value)
                .contains(SharingEvent.newBuilder()
                        .setEventId(alice.get(0).eventId().value())
                        .setOccurredAt(MAILED_AT)
                        .setSourceSystem("smarttrackers-app")
                        .setIdentifiers(List.of(
                                aliceEmail,
                                PSEUDONYMISER.pseudonymise(IdentifierType.PHONE, "+31242022680"),
                                PSEUDONYMISER.pseudonymise(IdentifierType.ACCOUNT_ID, "ACC-778899")))
                        .setHolder("postmark")
                        .setCategories(List.of("user.contact.email", "user.device.ip_address"))
                        .setPurpose("transactional-mail")
                        .setLegalBasis(LegalBasis.CONTRACT)
                        .setRetention("P45D")
                        .setAction(SharingAction.SHARED)
                        .build());

        // And Alice's events share her email pseudonym as key, one partition, in the order they were emitted
        List<ConsumerRecord<String, SharingEvent>> alices = records.stream()
                .filter(r -> r.key().equals(aliceEmail.getPseudonym()))
                .toList();
        assertThat(alices)
                .extracting(r -> r.value().getEventId())
                .containsExactlyElementsOf(
                        alice.stream().map(r -> r.eventId().value()).toList());
        assertThat(alices)
                .extracting(r -> r.value().getAction())
                .containsExactly(SharingAction.SHARED, SharingAction.UPDATED, SharingAction.DELETED_BY_HOLDER);
        assertThat(alices)
                .extracting(ConsumerRecord::partition)
                .containsOnly(alices.get(0).partition());

        // And no record's key or value bytes contain any raw identifier
        for (ConsumerRecord<byte[], byte[]> raw : consumeRaw(stack, 4)) {
            MockKafka.assertNoneContains(
                    List.of(raw.key(), raw.value()),
                    "alice",
                    "bob@",
                    "example.com",
                    "example.org",
                    "2022680",
                    "ACC-778899");
        }
    }

    @Test
    void shouldReportThroughTheCallbackAndNeverThrowWhenTheBrokerIsDown(StackFixture stack) throws Exception {
        // Given an emitter pointed at a port nobody listens on, with a short delivery timeout
        CompletableFuture<FailedEvent> reported = new CompletableFuture<>();
        WhereaboutsEmitter emitter = WhereaboutsEmitter.builder()
                .bootstrapServers("127.0.0.1:" + freePort())
                .schemaRegistryUrl(stack.registryUrl().toString())
                .sourceSystem("smarttrackers-app")
                .pseudonymiser(PSEUDONYMISER)
                .deliveryTimeout(Duration.ofSeconds(3))
                .set(EmitterConfig.REQUEST_TIMEOUT_MS, 1_000)
                .onFailure(reported::complete)
                .build();
        try {
            // When an event is emitted
            EmitResult[] result = new EmitResult[1];
            assertThatCode(() -> result[0] = emitter.shared(Subject.email("alice@example.com"))
                            .categories("user.contact.email")
                            .to("postmark")
                            .purpose("transactional-mail")
                            .legalBasis(LegalBasis.CONTRACT)
                            .emit())
                    .doesNotThrowAnyException();

            // Then emit returned before the outcome was known
            assertThat(result[0].isDone()).isFalse();

            // And the failure arrives through the callback after the delivery timeout, as TIMED_OUT
            FailedEvent failure = reported.get(60, TimeUnit.SECONDS);
            assertThat(failure.eventId()).isEqualTo(result[0].eventId());
            assertThat(failure.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(failure.message()).contains("delivery.timeout.ms=3000").contains("broker unreachable");
            assertThat(failure.event()).map(SharingEvent::getHolder).contains("postmark");
            // The callback runs just before the stage completes.
            MockKafka.eventually("the stage completed", result[0]::isDone);
            assertThat(result[0].failure()).contains(failure);
            assertThat(emitter.metrics()).isEqualTo(new EmitterMetrics(1, 0, 0, 1, 0, 0, 0, 0));
        } finally {
            assertThatCode(() -> emitter.close(Duration.ofSeconds(5))).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldReportThroughTheCallbackWhenTheRegistryIsDown(StackFixture stack) throws Exception {
        // Given a real broker but a registry URL nobody answers on, before any schema id is known
        CompletableFuture<FailedEvent> reported = new CompletableFuture<>();
        try (WhereaboutsEmitter emitter = WhereaboutsEmitter.builder()
                .bootstrapServers(stack.bootstrapServers())
                .schemaRegistryUrl("http://127.0.0.1:" + freePort())
                .sourceSystem("smarttrackers-app")
                .pseudonymiser(PSEUDONYMISER)
                .deliveryTimeout(Duration.ofSeconds(3))
                .set(EmitterConfig.REQUEST_TIMEOUT_MS, 1_000)
                .onFailure(reported::complete)
                .build()) {

            // When an event is emitted
            EmitResult result = emitter.shared(Subject.email("alice@example.com"))
                    .categories("user.contact.email")
                    .to("postmark")
                    .purpose("transactional-mail")
                    .legalBasis(LegalBasis.CONTRACT)
                    .emit();

            // Then it is reported once its delivery timeout has passed, naming the registry
            FailedEvent failure = reported.get(60, TimeUnit.SECONDS);
            assertThat(failure.eventId()).isEqualTo(result.eventId());
            assertThat(failure.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(failure.message()).contains("the schema registry did not answer");
        }
        assertThat(consumeRaw(stack, 0)).isEmpty();
    }

    private static List<ConsumerRecord<String, SharingEvent>> consume(StackFixture stack, int expected) {
        SerdeConfig config = SerdeConfig.builder()
                .schemaRegistryUrl(stack.registryUrl().toString())
                .build();
        try (SchemaRegistryClient registry =
                CachingSchemaRegistryClient.forConfig(new RestSchemaRegistryClient(config), config)) {
            TopicSerdes serdes = new TopicSerdes(registry, config);
            return poll(
                    stack,
                    expected,
                    serdes.keySerde(Topics.SHARING_EVENTS).deserializer(),
                    serdes.valueSerde(Topics.SHARING_EVENTS).deserializer());
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeRaw(StackFixture stack, int expected) {
        return poll(stack, expected, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static <K, V> List<ConsumerRecord<K, V>> poll(
            StackFixture stack, int expected, Deserializer<K> keys, Deserializer<V> values) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, stack.uniqueId("emitter-it"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                keys,
                values)) {
            consumer.subscribe(List.of(Topics.SHARING_EVENTS.name()));
            // With nothing expected, poll a little while to see that nothing arrives.
            long deadline =
                    System.nanoTime() + (expected == 0 ? Duration.ofSeconds(3) : Duration.ofSeconds(30)).toNanos();
            while ((expected == 0 || records.size() < expected) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.whereabouts.emitter;

import static dev.whereabouts.emitter.MockKafka.PSEUDONYMISER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** What reaches Kafka: topic, key, and a value with pseudonyms only. */
class EmittedRecordTest {

    private static final SubjectIdentifier ALICE_EMAIL =
            PSEUDONYMISER.pseudonymise(IdentifierType.EMAIL, "alice@example.com");
    private static final SubjectIdentifier ALICE_PHONE =
            PSEUDONYMISER.pseudonymise(IdentifierType.PHONE, "+31612345678");
    private static final SubjectIdentifier ALICE_ACCOUNT =
            PSEUDONYMISER.pseudonymise(IdentifierType.ACCOUNT_ID, "ACC-778899");

    private final MockKafka kafka = new MockKafka(true);

    @Test
    void shouldKeyTheRecordByTheEmailPseudonymAndSendOnlyPseudonyms() throws Exception {
        // Given an emitter on the mock producer with the real serializers
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {

            // When a service reports sending Alice's contact data to Postmark, spelled carelessly
            EmitResult result = emitter.shared(Subject.email("Alice@Example.com ")
                            .phone("+31 6 1234 5678")
                            .accountId("ACC-778899"))
                    .categories("user.contact.email", "user.device.ip_address")
                    .to("postmark")
                    .purpose("transactional-mail")
                    .legalBasis(LegalBasis.CONTRACT)
                    .retention(Period.ofDays(45))
                    .emit();

            // Then the broker acknowledges it
            assertThat(result.acknowledged().toCompletableFuture().get()).isEqualTo(result.eventId());
        }

        // And one record went to the sharing-events topic, keyed by the email pseudonym
        assertThat(kafka.producer.history()).hasSize(1);
        ProducerRecord<String, SharingEvent> record = kafka.producer.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.SHARING_EVENTS.name());
        assertThat(record.key()).isEqualTo(ALICE_EMAIL.getPseudonym()).matches("[0-9a-f]{64}");

        // And its bytes decode to exactly the expected event, with pseudonyms only
        SharingEvent decoded = kafka.decode(kafka.valueBytes.get(0));
        assertThat(decoded)
                .isEqualTo(SharingEvent.newBuilder()
                        .setEventId(decoded.getEventId())
                        .setOccurredAt(MockKafka.NOW)
                        .setSourceSystem("smarttrackers-app")
                        .setIdentifiers(List.of(ALICE_EMAIL, ALICE_PHONE, ALICE_ACCOUNT))
                        .setHolder("postmark")
                        .setCategories(List.of("user.contact.email", "user.device.ip_address"))
                        .setPurpose("transactional-mail")
                        .setLegalBasis(LegalBasis.CONTRACT)
                        .setRetention("P45D")
                        .setAction(SharingAction.SHARED)
                        .build());
        assertThat(decoded.getEventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        // And not one byte of the raw identifiers went out
        MockKafka.assertNoneContains(kafka.valueBytes, MockKafka.rawValuesOfAlice());
        MockKafka.assertNoneContains(List.of(record.key().getBytes()), MockKafka.rawValuesOfAlice());
    }

    @Test
    void shouldSendIdentifiersARelayPseudonymisedWithTheSameKeysAsTheyAre() throws Exception {
        // Given an emitter and a relay that decoded and pseudonymised Alice's identifiers at its edge
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {

            // When it hands the pseudonyms on, phone first
            EmitResult result = emitter.shared(Subject.pseudonymised(List.of(ALICE_PHONE, ALICE_EMAIL)))
                    .categories("user.contact.email")
                    .to("postmark")
                    .purpose("transactional-mail")
                    .legalBasis(LegalBasis.CONTRACT)
                    .emit();

            // Then the event is sent with the same identifiers in the emitter's stable order, keyed by email
            assertThat(result.acknowledged().toCompletableFuture().get()).isEqualTo(result.eventId());
        }
        ProducerRecord<String, SharingEvent> record = kafka.producer.history().get(0);
        assertThat(record.key()).isEqualTo(ALICE_EMAIL.getPseudonym());
        assertThat(kafka.decode(kafka.valueBytes.get(0)).getIdentifiers()).containsExactly(ALICE_EMAIL, ALICE_PHONE);
    }

    @Test
    void shouldKeyByTheFirstIdentifierInStableOrderWhateverOrderTheCallerUsed() throws Exception {
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            // Given identifiers given account first, then phone
            emitter.shared(Subject.accountId("ACC-778899").phone("06-12345678"))
                    .categories("user.contact.phone_number")
                    .to("authy")
                    .purpose("two-factor-auth")
                    .legalBasis(LegalBasis.CONTRACT)
                    .emit()
                    .acknowledged()
                    .toCompletableFuture()
                    .get();
        }

        // Then the phone, which comes first in the stable order, keys the record and leads the list
        ProducerRecord<String, SharingEvent> record = kafka.producer.history().get(0);
        assertThat(record.key()).isEqualTo(ALICE_PHONE.getPseudonym());
        assertThat(record.value().getIdentifiers()).containsExactly(ALICE_PHONE, ALICE_ACCOUNT);
    }

    @Test
    void shouldSendAnIdentifierGivenTwiceOnlyOnce() throws Exception {
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            emitter.shared(Subject.email("alice@example.com").email("ALICE@example.com "))
                    .categories("user.contact.email")
                    .to("postmark")
                    .purpose("transactional-mail")
                    .legalBasis(LegalBasis.CONTRACT)
                    .emit()
                    .acknowledged()
                    .toCompletableFuture()
                    .get();
        }

        assertThat(kafka.sentEvents().get(0).getIdentifiers()).containsExactly(ALICE_EMAIL);
    }

    @Test
    void shouldFillPurposeAndLegalBasisFromTheConfiguredDefaults() throws Exception {
        // Given an emitter whose service always mails for the same purpose and basis
        try (WhereaboutsEmitter emitter = kafka.emitter()
                .defaultPurpose("transactional-mail")
                .defaultLegalBasis(LegalBasis.CONTRACT)
                .build()) {

            // When an event names neither
            emitter.shared(Subject.email("alice@example.com"))
                    .categories("user.contact.email")
                    .to("postmark")
                    .emit()
                    .acknowledged()
                    .toCompletableFuture()
                    .get();
        }

        // Then the defaults are written
        SharingEvent sent = kafka.sentEvents().get(0);
        assertThat(sent.getPurpose()).isEqualTo("transactional-mail");
        assertThat(sent.getLegalBasis()).isEqualTo(LegalBasis.CONTRACT);
        assertThat(sent.getRetention()).isNull();
    }

    @Test
    void shouldLetARelayNameTheSystemThatSharedTheData() throws Exception {
        // Given an emitter that relays events for other services (the HTTP ingest service)
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {

            // When one event names its own source system and another a malformed one
            emitter.shared(Subject.email("alice@example.com"))
                    .sourceSystem("checkout")
                    .categories("user.contact.email")
                    .to("postmark")
                    .purpose("transactional-mail")
                    .legalBasis(LegalBasis.CONTRACT)
                    .emit()
                    .acknowledged()
                    .toCompletableFuture()
                    .get();
            EmitResult bad = emitter.shared(Subject.email("alice@example.com"))
                    .sourceSystem("Check Out!")
                    .categories("user.contact.email")
                    .to("postmark")
                    .purpose("transactional-mail")
                    .legalBasis(LegalBasis.CONTRACT)
                    .emit();

            // Then the first carries it and the second is refused with the reason
            assertThat(kafka.sentEvents().get(0).getSourceSystem()).isEqualTo("checkout");
            assertThat(bad.failure())
                    .hasValueSatisfying(f -> assertThat(f.problems())
                            .anySatisfy(
                                    p -> assertThat(p).contains("source system").contains("not a catalog id")));
        }
    }

    @Test
    void shouldDescribeUpdatesAndDeletionsConfirmedByTheHolder() throws Exception {
        Instant deletedAt = Instant.parse("2026-11-20T08:00:00Z");
        try (WhereaboutsEmitter emitter = kafka.emitter()
                .defaultPurpose("helpdesk")
                .defaultLegalBasis(LegalBasis.CONTRACT)
                .build()) {
            // When the service reports an update at Zendesk, then Zendesk's confirmed deletion
            emitter.updated(Subject.email("alice@example.com"))
                    .categories("user.contact.email")
                    .to("zendesk")
                    .emit();
            emitter.deletedBy("zendesk")
                    .subject(Subject.email("alice@example.com"))
                    .categories("user.contact.email")
                    .at(deletedAt)
                    .emit();
            assertThat(emitter.flush(Duration.ofSeconds(10))).isTrue();
        }

        // Then both actions travel, in order, for the same person
        List<SharingEvent> sent = kafka.sentEvents();
        assertThat(sent)
                .extracting(SharingEvent::getAction)
                .containsExactly(SharingAction.UPDATED, SharingAction.DELETED_BY_HOLDER);
        assertThat(sent).extracting(SharingEvent::getHolder).containsOnly("zendesk");
        assertThat(sent.get(1).getOccurredAt()).isEqualTo(deletedAt);
        assertThat(kafka.producer.history()).extracting(ProducerRecord::key).containsOnly(ALICE_EMAIL.getPseudonym());
    }

    @Test
    void shouldReuseTheGivenEventIdSoARepeatedEmitIsTheSameEvent() throws Exception {
        // Given a job that may run twice for the same order
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            for (int attempt = 0; attempt < 2; attempt++) {
                // When it emits with an id derived from the order both times
                EmitResult result = emitter.shared(Subject.email("alice@example.com"))
                        .categories("user.payment")
                        .to("moneybird")
                        .purpose("invoicing")
                        .legalBasis(LegalBasis.LEGAL_OBLIGATION)
                        .eventId("order-8812:moneybird")
                        .emit();
                assertThat(result.eventId()).isEqualTo(EventId.of("order-8812:moneybird"));
                result.acknowledged().toCompletableFuture().get();
            }
        }

        // Then both records carry the same event id, which consumers treat as one event
        assertThat(kafka.sentEvents())
                .extracting(SharingEvent::getEventId)
                .containsExactly("order-8812:moneybird", "order-8812:moneybird");
    }

    @Test
    void shouldEmitTheSameEventIdWhenTheSameBuilderIsEmittedAgain() throws Exception {
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            EventBuilder event = emitter.shared(Subject.email("alice@example.com"))
                    .categories("user.contact.email")
                    .to("postmark")
                    .purpose("transactional-mail")
                    .legalBasis(LegalBasis.CONTRACT);

            EmitResult first = event.emit();
            EmitResult again = event.emit();

            assertThat(again.eventId()).isEqualTo(first.eventId());
            again.acknowledged().toCompletableFuture().get();
        }
        assertThat(kafka.sentEvents())
                .extracting(SharingEvent::getEventId)
                .hasSize(2)
                .containsOnly(kafka.sentEvents().get(0).getEventId());
    }

    @Test
    void shouldCountWhatItSentAndWhatWasAcknowledged() throws Exception {
        try (WhereaboutsEmitter emitter = kafka.emitter().build()) {
            for (int i = 0; i < 3; i++) {
                emitter.shared(Subject.accountId("acct-" + i))
                        .categories("user.behavior")
                        .to("google-analytics")
                        .purpose("analytics")
                        .legalBasis(LegalBasis.CONSENT)
                        .emit();
            }
            assertThat(emitter.flush(Duration.ofSeconds(10))).isTrue();

            assertThat(emitter.metrics()).isEqualTo(new EmitterMetrics(3, 3, 3, 0, 0, 0, 0, 0));
        }
    }
}

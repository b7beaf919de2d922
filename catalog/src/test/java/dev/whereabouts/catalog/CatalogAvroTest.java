package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.ErasureChannel;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.catalog.HolderRole;
import dev.whereabouts.model.serde.InMemorySchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class CatalogAvroTest {

    private final Catalog catalog = CatalogLoader.seed();

    @Test
    void shouldConvertAHolderToItsAvroRecordWithTheCatalogVersion() {
        // Given
        CatalogHolder moneybird = catalog.holder("moneybird").orElseThrow();

        // When
        Holder record = CatalogAvro.toAvro(moneybird, catalog.version());

        // Then
        assertThat(record.getId()).isEqualTo("moneybird");
        assertThat(record.getCatalogVersion()).isEqualTo("2022-01-17");
        assertThat(record.getRole()).isEqualTo(HolderRole.PROCESSOR);
        assertThat(record.getCountry()).isEqualTo("NL");
        assertThat(record.getRetention()).singleElement().satisfies(r -> {
            assertThat(r.getRetention()).isEqualTo("P7Y");
            assertThat(r.getNote()).isEqualTo("7 years (mandatory storage period Administration Tax Office)");
        });
        assertThat(record.getLegalHolds()).singleElement().satisfies(h -> {
            assertThat(h.getPeriod()).isEqualTo("P7Y");
            assertThat(h.getLegalReference()).contains("art. 52").contains("Algemene wet inzake rijksbelastingen");
        });
        assertThat(record.getErasureChannel()).isEqualTo(ErasureChannel.MANUAL);
        assertThat(record.getErasureEndpoint()).isNull();
    }

    @Test
    void shouldWriteANullRetentionAsNullWithItsNote() {
        // When
        Holder record = CatalogAvro.toAvro(catalog.holder("vimeo").orElseThrow(), catalog.version());

        // Then
        assertThat(record.getRetention()).singleElement().satisfies(r -> {
            assertThat(r.getRetention()).isNull();
            assertThat(r.getNote()).startsWith("Not stated.");
        });
    }

    @Test
    void shouldConvertAFlowToItsAvroRecordWithTheCatalogVersion() {
        // When
        DeclaredFlow record =
                CatalogAvro.toAvro(catalog.flow("app-database-backup-s3").orElseThrow(), "v7");

        // Then
        assertThat(record.getFrom()).isEqualTo("smarttrackers-app");
        assertThat(record.getTo()).isEqualTo("amazon-s3-database-backups");
        assertThat(record.getCategories()).containsExactly("user");
        assertThat(record.getRetention()).isEqualTo("P1Y");
        assertThat(record.getPurpose()).isEqualTo("database-backup");
        assertThat(record.getCatalogVersion()).isEqualTo("v7");
    }

    @Test
    void shouldReadBackEveryHolderAndFlowExactlyAsItWasWritten() {
        // Then
        for (CatalogHolder holder : catalog.holders().values()) {
            assertThat(CatalogAvro.fromAvro(CatalogAvro.toAvro(holder, catalog.version())))
                    .isEqualTo(holder);
        }
        for (CatalogFlow flow : catalog.flows().values()) {
            assertThat(CatalogAvro.fromAvro(CatalogAvro.toAvro(flow, catalog.version())))
                    .isEqualTo(flow);
        }
    }

    @Test
    void shouldKeepWebhookEndpointsAndSubProcessorRoles() {
        // Given
        Catalog minimal = CatalogLoader.parse("minimal.yaml", CatalogFixtures.minimal());

        // When
        Holder mailer = CatalogAvro.toAvro(minimal.holder("mailer").orElseThrow(), minimal.version());
        Holder backups = CatalogAvro.toAvro(minimal.holder("backups").orElseThrow(), minimal.version());

        // Then
        assertThat(mailer.getErasureChannel()).isEqualTo(ErasureChannel.WEBHOOK);
        assertThat(mailer.getErasureEndpoint()).isEqualTo("https://mailer.example.com/erasure");
        assertThat(backups.getRole()).isEqualTo(HolderRole.SUB_PROCESSOR);
        assertThat(CatalogAvro.fromAvro(mailer))
                .isEqualTo(minimal.holder("mailer").orElseThrow());
    }

    @Test
    void shouldSurviveTheWireFormatOfTheCatalogTopics() {
        // Given
        TopicSerdes serdes = new TopicSerdes(
                new InMemorySchemaRegistryClient(), SerdeConfig.builder().build());
        Serde<Holder> holderSerde = serdes.valueSerde(Topics.CATALOG_HOLDERS);
        Serde<DeclaredFlow> flowSerde = serdes.valueSerde(Topics.CATALOG_FLOWS);
        CatalogHolder heroku = catalog.holder("heroku").orElseThrow();
        CatalogFlow hosting = catalog.flow("app-hosting").orElseThrow();

        // When
        byte[] holderBytes =
                holderSerde.serializer().serialize(Topics.CATALOG_HOLDERS.name(), CatalogAvro.toAvro(heroku, "v1"));
        byte[] flowBytes =
                flowSerde.serializer().serialize(Topics.CATALOG_FLOWS.name(), CatalogAvro.toAvro(hosting, "v1"));

        // Then
        assertThat(holderBytes[0]).as("Confluent magic byte").isZero();
        assertThat(CatalogAvro.fromAvro(
                        holderSerde.deserializer().deserialize(Topics.CATALOG_HOLDERS.name(), holderBytes)))
                .isEqualTo(heroku);
        assertThat(CatalogAvro.fromAvro(flowSerde.deserializer().deserialize(Topics.CATALOG_FLOWS.name(), flowBytes)))
                .isEqualTo(hosting);
    }

    @Test
    void shouldCarryAnswerTimeSelfExpiryAndGraceOnTheHolderRecord() {
        // When
        Holder backups =
                CatalogAvro.toAvro(catalog.holder("transip-vps-backups").orElseThrow(), catalog.version());
        Holder postmark = CatalogAvro.toAvro(catalog.holder("postmark").orElseThrow(), catalog.version());

        // Then: the seed's backups expire by themselves within the promised year
        assertThat(backups.getSelfExpiring()).isTrue();
        assertThat(backups.getExpiryGrace()).isEqualTo("P1Y");
        assertThat(backups.getAnswerTime()).as("default P14D travels as null").isNull();
        assertThat(postmark.getSelfExpiring()).isFalse();
        assertThat(postmark.getExpiryGrace()).isNull();
        assertThat(postmark.getErasureChannel()).isEqualTo(ErasureChannel.WEBHOOK);
    }

    @Test
    void shouldReadBackAnExplicitAnswerTime() {
        // Given
        CatalogHolder zendesk = catalog.holder("zendesk").orElseThrow();
        ErasureRoute route = zendesk.erasure();
        CatalogHolder quick = new CatalogHolder(
                zendesk.id(),
                zendesk.displayName(),
                zendesk.legalEntity(),
                zendesk.country(),
                zendesk.role(),
                zendesk.purposes(),
                zendesk.categories(),
                zendesk.retention(),
                zendesk.legalHolds(),
                new ErasureRoute(
                        route.channel(),
                        route.endpoint(),
                        java.util.Optional.of(dev.whereabouts.model.time.IsoPeriod.parse("P3D")),
                        false,
                        java.util.Optional.empty()));

        // When
        Holder record = CatalogAvro.toAvro(quick, "v1");

        // Then
        assertThat(record.getAnswerTime()).isEqualTo("P3D");
        assertThat(CatalogAvro.fromAvro(record)).isEqualTo(quick);
    }

    @Test
    void shouldConvertTheControllerToItsPolicyRecord() {
        // When
        ControllerPolicy policy = CatalogAvro.toAvro(catalog.controller().orElseThrow(), catalog.version());

        // Then
        assertThat(policy.getLegalEntity()).isEqualTo("SmartTrackers B.V.");
        assertThat(policy.getCountry()).isEqualTo("NL");
        assertThat(policy.getContactEmail()).isEqualTo("info@smarttrackers.nl");
        assertThat(policy.getDsrResponseTime()).isEqualTo("P4W");
        assertThat(policy.getBackupMaxRetention()).isEqualTo("P1Y");
        assertThat(policy.getCatalogVersion()).isEqualTo("2022-01-17");
        assertThat(policy.getSupervisoryAuthority().getName()).isEqualTo("Autoriteit Persoonsgegevens");
        assertThat(policy.getSupervisoryAuthority().getCountry()).isEqualTo("NL");
        assertThat(policy.getSupervisoryAuthority().getComplaintUrl())
                .isEqualTo(
                        "https://autoriteitpersoonsgegevens.nl/nl/contact-met-de-autoriteit-persoonsgegevens/tip-ons");
        assertThat(policy.getVerification()).singleElement().satisfies(v -> {
            assertThat(v.getRequestTypes())
                    .containsExactly("ACCESS", "PORTABILITY", "ERASURE", "RESTRICTION", "OBJECTION", "RECTIFICATION");
            assertThat(v.getMethod()).isEqualTo("ID_DOCUMENT_COPY");
            assertThat(v.getCheckedBy()).isEqualTo("PERSON");
            assertThat(v.getInstructions()).contains("MRZ").contains("(BSN) black");
        });
    }

    @Test
    void shouldWriteNoMailboxAndNoBackupPromiseWhenTheControllerHasNone() {
        // Given
        Catalog minimal = CatalogLoader.parse(
                "minimal.yaml",
                CatalogFixtures.minimal()
                        .replace("    email: privacy@example.nl\n", "    phone: +31 30 000 0000\n")
                        .replace("  backupMaxRetention: P1Y\n", ""));

        // When
        ControllerPolicy policy = CatalogAvro.toAvro(minimal.controller().orElseThrow(), "v1");

        // Then
        assertThat(policy.getContactEmail()).isNull();
        assertThat(policy.getBackupMaxRetention()).isNull();
        assertThat(policy.getVerification())
                .singleElement()
                .satisfies(v -> assertThat(v.getRequestTypes()).containsExactly("ACCESS", "PORTABILITY"));
    }

    @Test
    void shouldSendTheControllerPolicyThroughTheWireFormatOfItsTopic() {
        // Given
        TopicSerdes serdes = new TopicSerdes(
                new InMemorySchemaRegistryClient(), SerdeConfig.builder().build());
        Serde<ControllerPolicy> serde = serdes.valueSerde(Topics.CATALOG_CONTROLLER);
        ControllerPolicy policy = CatalogAvro.toAvro(catalog.controller().orElseThrow(), "v1");

        // When
        byte[] bytes = serde.serializer().serialize(Topics.CATALOG_CONTROLLER.name(), policy);

        // Then
        assertThat(serde.deserializer().deserialize(Topics.CATALOG_CONTROLLER.name(), bytes))
                .isEqualTo(policy);
    }
}

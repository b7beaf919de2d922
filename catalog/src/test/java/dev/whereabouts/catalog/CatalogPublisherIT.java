package dev.whereabouts.catalog;

import static dev.whereabouts.catalog.CatalogTopicsProbe.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class CatalogPublisherIT {

    private final Catalog seed = CatalogLoader.seed();

    @Test
    void shouldPublishTheSeedCatalogAndReadItBackThroughTheLiveCatalog(StackFixture stack) throws Exception {
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack);
                CatalogPublisher publisher = new CatalogPublisher(probe.kafka(), probe.serdes())) {
            // When
            PublishResult result = publisher.publish(seed);

            // Then: one record per holder and per flow, keyed by id
            assertThat(result.holdersWritten())
                    .containsExactlyElementsOf(seed.holders().keySet());
            assertThat(result.flowsWritten())
                    .containsExactlyElementsOf(seed.flows().keySet());
            assertThat(probe.records(Topics.CATALOG_HOLDERS, 0))
                    .extracting(CatalogTopicsProbe.Raw::key)
                    .containsExactlyElementsOf(seed.holders().keySet());
            assertThat(probe.records(Topics.CATALOG_FLOWS, 0))
                    .extracting(CatalogTopicsProbe.Raw::key)
                    .containsExactlyElementsOf(seed.flows().keySet());
            // And: one controller record under the one key
            assertThat(result.controllerWritten()).isTrue();
            assertThat(probe.records(Topics.CATALOG_CONTROLLER, 0))
                    .extracting(CatalogTopicsProbe.Raw::key)
                    .containsExactly(Topics.CONTROLLER_KEY);

            // And: a live catalog started afterwards sees the same holders and flows
            try (LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes())) {
                assertThat(live.awaitLoaded(Duration.ofSeconds(30))).isTrue();
                Catalog current = live.current();
                assertThat(current.version()).isEqualTo("2022-01-17");
                assertThat(current.holders()).isEqualTo(seed.holders());
                assertThat(current.flows()).isEqualTo(seed.flows());
                assertThat(current.controller()).isEmpty();
                // the controller policy is there as soon as the live catalog says it is loaded
                assertThat(live.controllerPolicy())
                        .contains(CatalogAvro.toAvro(seed.controller().orElseThrow(), seed.version()));
                assertThat(live.controllerPolicy().orElseThrow().getVerification())
                        .singleElement()
                        .satisfies(v -> assertThat(v.getMethod()).isEqualTo("ID_DOCUMENT_COPY"));
                assertThat(live.isPurposeAllowed("postmark", "system-mail")).isTrue();
                assertThat(live.retentionFor("google-analytics", "user.device.ip_address"))
                        .flatMap(RetentionRule::period)
                        .map(Object::toString)
                        .contains("P14M");
                assertThat(live.legalHoldsFor("moneybird", "user.payment")).hasSize(1);
                assertThat(live.flowsFrom("heroku")).extracting(CatalogFlow::to).containsExactly("hirefire");
                assertThat(live.skippedRecords()).isZero();
            }
        }
    }

    @Test
    void shouldWriteNothingWhenTheSameCatalogIsPublishedAgainAfterARestart(StackFixture stack) throws Exception {
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack)) {
            // Given
            try (CatalogPublisher first = new CatalogPublisher(probe.kafka(), probe.serdes())) {
                first.publish(seed);
            }
            long holdersEnd = probe.endOffset(Topics.CATALOG_HOLDERS);
            long flowsEnd = probe.endOffset(Topics.CATALOG_FLOWS);
            long controllerEnd = probe.endOffset(Topics.CATALOG_CONTROLLER);
            assertThat(controllerEnd).isEqualTo(1);

            // When: a new publisher, as after a restart, publishes the same catalog under a new version
            Catalog renamed = new Catalog(
                    "2022-01-18",
                    seed.controller(),
                    seed.purposes().values(),
                    seed.holders().values(),
                    seed.flows().values());
            PublishResult result;
            try (CatalogPublisher second = new CatalogPublisher(probe.kafka(), probe.serdes())) {
                result = second.publish(renamed);
            }

            // Then
            assertThat(result.changed()).isFalse();
            assertThat(result.holdersUnchanged()).isEqualTo(seed.holders().size());
            assertThat(probe.endOffset(Topics.CATALOG_HOLDERS)).isEqualTo(holdersEnd);
            assertThat(probe.endOffset(Topics.CATALOG_FLOWS)).isEqualTo(flowsEnd);
            assertThat(result.controllerWritten()).isFalse();
            assertThat(probe.endOffset(Topics.CATALOG_CONTROLLER)).isEqualTo(controllerEnd);
        }
    }

    @Test
    void shouldShowAPublicationInALiveCatalogThatIsAlreadyRunning(StackFixture stack) throws Exception {
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack);
                LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes());
                CatalogPublisher publisher = new CatalogPublisher(probe.kafka(), probe.serdes())) {
            // Given: empty topics
            assertThat(live.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            assertThat(live.current().holders()).isEmpty();

            // When
            publisher.publish(seed);

            // Then
            eventually(
                    "the live catalog shows every holder and flow",
                    () -> live.current().holders().equals(seed.holders())
                            && live.current().flows().equals(seed.flows()));
        }
    }

    @Test
    void shouldSkipAnUnreadableRecordAndRepairItOnTheNextPublication(StackFixture stack) throws Exception {
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack);
                CatalogPublisher publisher = new CatalogPublisher(probe.kafka(), probe.serdes())) {
            // Given: the latest record for postmark is garbage
            publisher.publish(seed);
            probe.producePoison(Topics.CATALOG_HOLDERS, "postmark");

            try (LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes())) {
                assertThat(live.awaitLoaded(Duration.ofSeconds(30))).isTrue();
                assertThat(live.skippedRecords()).isEqualTo(1);
                assertThat(live.holder("postmark")).isEmpty();
                assertThat(live.holder("zendesk")).isPresent();

                // When
                PublishResult result = publisher.publish(seed);

                // Then
                assertThat(result.holdersWritten()).containsExactly("postmark");
                eventually("postmark is back", () -> live.holder("postmark").isPresent());
                assertThat(live.current().holders()).isEqualTo(seed.holders());
            }
        }
    }

    @Test
    void shouldShowAChangedControllerPolicyInALiveCatalogThatIsAlreadyRunning(StackFixture stack) throws Exception {
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack);
                CatalogPublisher publisher = new CatalogPublisher(probe.kafka(), probe.serdes());
                LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes())) {
            // Given
            assertThat(live.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            assertThat(live.controllerPolicy()).isEmpty();
            publisher.publish(seed);
            eventually(
                    "the controller policy shows", () -> live.controllerPolicy().isPresent());

            // When: the controller now promises three weeks
            Controller controller = seed.controller().orElseThrow();
            Controller faster = new Controller(
                    controller.legalEntity(),
                    controller.registration(),
                    controller.address(),
                    controller.country(),
                    controller.contact(),
                    IsoPeriod.parse("P3W"),
                    controller.backupMaxRetention(),
                    controller.supervisoryAuthority(),
                    controller.verification());
            PublishResult result = publisher.publish(new Catalog(
                    "2022-02-01",
                    Optional.of(faster),
                    seed.purposes().values(),
                    seed.holders().values(),
                    seed.flows().values()));

            // Then: only the controller record is written, stamped with the new version
            assertThat(result.controllerWritten()).isTrue();
            assertThat(result.recordsWritten()).isEqualTo(1);
            eventually(
                    "the live catalog shows the new promise",
                    () -> live.controllerPolicy()
                            .map(p -> p.getDsrResponseTime().equals("P3W")
                                    && p.getCatalogVersion().equals("2022-02-01"))
                            .orElse(false));
            assertThat(live.current().version()).isEqualTo("2022-02-01");
            assertThat(live.current().holders()).isEqualTo(seed.holders());
        }
    }

    @Test
    void shouldSkipAnUnreadableControllerRecordAndRepairItOnTheNextPublication(StackFixture stack) throws Exception {
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack);
                CatalogPublisher publisher = new CatalogPublisher(probe.kafka(), probe.serdes())) {
            // Given: the latest controller record is garbage, and one record sits under a foreign key
            publisher.publish(seed);
            probe.producePoison(Topics.CATALOG_CONTROLLER, Topics.CONTROLLER_KEY);
            probe.producePoison(Topics.CATALOG_CONTROLLER, "someone-else");

            try (LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes())) {
                assertThat(live.awaitLoaded(Duration.ofSeconds(30))).isTrue();
                assertThat(live.skippedRecords()).isEqualTo(2);
                assertThat(live.controllerPolicy())
                        .as("a stale policy is not served")
                        .isEmpty();
                assertThat(live.current().holders()).isEqualTo(seed.holders());

                // When
                PublishResult result = publisher.publish(seed);

                // Then
                assertThat(result.controllerWritten()).isTrue();
                assertThat(result.recordsWritten()).isEqualTo(1);
                eventually(
                        "the controller policy is back",
                        () -> live.controllerPolicy()
                                .equals(Optional.of(
                                        CatalogAvro.toAvro(seed.controller().orElseThrow(), seed.version()))));
            }
        }
    }

    @Test
    void shouldHandOutAControllerPolicyNoCallerCanChangeForAnother(StackFixture stack) throws Exception {
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack);
                CatalogPublisher publisher = new CatalogPublisher(probe.kafka(), probe.serdes())) {
            // Given
            publisher.publish(seed);
            try (LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes())) {
                assertThat(live.awaitLoaded(Duration.ofSeconds(30))).isTrue();

                // When: a careless caller edits the record it got
                live.controllerPolicy().orElseThrow().setDsrResponseTime("P1Y");

                // Then
                assertThat(live.controllerPolicy().orElseThrow().getDsrResponseTime())
                        .isEqualTo("P4W");
            }
        }
    }
}

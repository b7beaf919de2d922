package dev.whereabouts.catalog;

import static dev.whereabouts.catalog.CatalogTopicsProbe.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.time.Duration;
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

            // And: a live catalog started afterwards sees the same holders and flows
            try (LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes())) {
                assertThat(live.awaitLoaded(Duration.ofSeconds(30))).isTrue();
                Catalog current = live.current();
                assertThat(current.version()).isEqualTo("2022-01-17");
                assertThat(current.holders()).isEqualTo(seed.holders());
                assertThat(current.flows()).isEqualTo(seed.flows());
                assertThat(current.controller()).isEmpty();
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
}

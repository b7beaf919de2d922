package dev.whereabouts.catalog;

import static dev.whereabouts.catalog.CatalogTopicsProbe.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Editing the catalog file of a running platform: the watcher publishes, the live catalog follows. */
@ExtendWith(EmbeddedStackExtension.class)
class CatalogWatcherIT {

    @TempDir
    Path dir;

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private CatalogWatcher watcher(Path file, CatalogPublisher publisher) {
        return new CatalogWatcher(file, new CatalogValidator(), publisher, Duration.ofMillis(250))
                .addListener(new CatalogWatcher.Listener() {
                    @Override
                    public void published(Catalog catalog, PublishResult result) {
                        events.add(result);
                    }

                    @Override
                    public void rejected(List<CatalogProblem> problems) {
                        events.add(problems);
                    }
                });
    }

    private Object nextEvent() throws InterruptedException {
        Object event = events.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("an event from the watcher").isNotNull();
        return event;
    }

    /** The seed text without the Vimeo holder, which no flow refers to. */
    private static String withoutVimeo(String text) {
        int start = text.indexOf("  - id: vimeo\n");
        int end = text.indexOf("\n\n", start);
        return text.substring(0, start) + text.substring(end + 2);
    }

    @Test
    void shouldRepublishOnlyTheChangeAndATombstoneAndTheLiveCatalogFollows(StackFixture stack) throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogLoader.seedText());
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack);
                CatalogPublisher publisher = new CatalogPublisher(probe.kafka(), probe.serdes());
                LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes());
                CatalogWatcher watcher = watcher(file, publisher)) {
            // Given: the seed catalog is published and live
            assertThat(watcher.start()).isEqualTo(CatalogWatcher.Outcome.PUBLISHED);
            assertThat(((PublishResult) nextEvent()).holdersWritten()).hasSize(21);
            eventually(
                    "the live catalog has the seed",
                    () -> live.current().holders().size() == 21);
            long holdersEnd = probe.endOffset(Topics.CATALOG_HOLDERS);
            long flowsEnd = probe.endOffset(Topics.CATALOG_FLOWS);

            // When: Postmark keeps mail 30 days instead of 45, and Vimeo is no longer used
            String edited = withoutVimeo(CatalogFixtures.edit(
                    CatalogLoader.seedText(),
                    "        retention: P45D\n        note: 45 days",
                    "        retention: P30D\n        note: 30 days"));
            Files.writeString(file, edited);

            // Then: the watcher publishes exactly that
            PublishResult result = (PublishResult) nextEvent();
            assertThat(result.holdersWritten()).containsExactly("postmark");
            assertThat(result.holdersRemoved()).containsExactly("vimeo");
            assertThat(result.flowsWritten()).isEmpty();
            assertThat(result.flowsRemoved()).isEmpty();
            assertThat(probe.records(Topics.CATALOG_HOLDERS, holdersEnd))
                    .extracting(CatalogTopicsProbe.Raw::key, CatalogTopicsProbe.Raw::tombstone)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("postmark", false),
                            org.assertj.core.groups.Tuple.tuple("vimeo", true));
            assertThat(probe.records(Topics.CATALOG_FLOWS, flowsEnd)).isEmpty();

            // And: the running live catalog shows it, no restart
            eventually(
                    "the live catalog shows the edit",
                    () -> live.holder("vimeo").isEmpty()
                            && live.retentionFor("postmark", "user.contact.email")
                                    .flatMap(RetentionRule::period)
                                    .map(Object::toString)
                                    .orElse("")
                                    .equals("P30D"));
            assertThat(live.current().holders()).hasSize(20);
            assertThat(watcher.lastGood().orElseThrow().holders()).doesNotContainKey("vimeo");
        }
    }

    @Test
    void shouldKeepTheLastGoodCatalogWhenAnEditIsInvalid(StackFixture stack) throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogLoader.seedText());
        try (CatalogTopicsProbe probe = new CatalogTopicsProbe(stack);
                CatalogPublisher publisher = new CatalogPublisher(probe.kafka(), probe.serdes());
                LiveCatalog live = LiveCatalog.start(probe.kafka(), probe.serdes());
                CatalogWatcher watcher = watcher(file, publisher)) {
            // Given
            watcher.start();
            nextEvent();
            Catalog good = watcher.lastGood().orElseThrow();
            eventually(
                    "the live catalog has the seed",
                    () -> live.current().holders().equals(good.holders()));
            long holdersEnd = probe.endOffset(Topics.CATALOG_HOLDERS);
            long flowsEnd = probe.endOffset(Topics.CATALOG_FLOWS);

            // When: a typo in Postmark's categories and a retention in words
            String broken = CatalogFixtures.edit(
                    CatalogLoader.seedText(),
                    "categories: [user.device.ip_address, user.contact.email, user.content.private]\n    retention:\n      - categories: [user.device.ip_address, user.contact.email, user.content.private]\n        retention: P45D",
                    "categories: [user.device.ip_address, user.contact.emial, user.content.private]\n    retention:\n      - categories: [user.device.ip_address, user.contact.email, user.content.private]\n        retention: 45 days");
            Files.writeString(file, broken);

            // Then: every problem is reported precisely and nothing is published
            @SuppressWarnings("unchecked")
            List<CatalogProblem> problems = (List<CatalogProblem>) nextEvent();
            String postmark = "holders[" + List.copyOf(good.holders().keySet()).indexOf("postmark") + "]";
            assertThat(problems)
                    .extracting(CatalogProblem::path)
                    .contains(postmark + ".categories[1]", postmark + ".retention[0].retention");
            assertThat(problems).allSatisfy(p -> assertThat(p.hasLocation()).isTrue());
            assertThat(watcher.lastGood()).contains(good);
            assertThat(probe.endOffset(Topics.CATALOG_HOLDERS)).isEqualTo(holdersEnd);
            assertThat(probe.endOffset(Topics.CATALOG_FLOWS)).isEqualTo(flowsEnd);
            assertThat(live.current().holders()).isEqualTo(good.holders());

            // When: the file is fixed again
            Files.writeString(file, CatalogLoader.seedText());

            // Then: it is accepted, and since the topics already show it nothing is written
            PublishResult result = (PublishResult) nextEvent();
            assertThat(result.changed()).isFalse();
            assertThat(watcher.lastProblems()).isEmpty();
        }
    }
}

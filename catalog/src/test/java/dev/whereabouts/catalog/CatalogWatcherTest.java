package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's decisions, with an in-memory sink in place of Kafka (see CatalogWatcherIT for the real one). */
class CatalogWatcherTest {

    @TempDir
    Path dir;

    private final List<Catalog> published = new ArrayList<>();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private CatalogWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private CatalogWatcher watch(Path file, CatalogSink sink) {
        watcher = new CatalogWatcher(file, new CatalogValidator(), sink, Duration.ofMillis(200));
        watcher.addListener(new CatalogWatcher.Listener() {
            @Override
            public void published(Catalog catalog, PublishResult result) {
                events.add(catalog);
            }

            @Override
            public void rejected(List<CatalogProblem> problems) {
                events.add(problems);
            }
        });
        return watcher;
    }

    private PublishResult record(Catalog catalog) {
        published.add(catalog);
        return new PublishResult(catalog.version(), List.of(), List.of(), List.of(), List.of(), 0, 0, false, false);
    }

    private Object nextEvent() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event from the watcher").isNotNull();
        return event;
    }

    @Test
    void shouldPublishTheFileWhenStarted() throws IOException {
        // Given
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFixtures.minimal());

        // When
        CatalogWatcher.Outcome outcome = watch(file, this::record).start();

        // Then
        assertThat(outcome).isEqualTo(CatalogWatcher.Outcome.PUBLISHED);
        assertThat(published).singleElement().extracting(Catalog::version).isEqualTo("2024-05-01");
        assertThat(watcher.lastGood()).contains(published.get(0));
    }

    @Test
    void shouldPublishAChangedFileWithoutBeingAsked() throws Exception {
        // Given
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFixtures.minimal());
        watch(file, this::record).start();
        nextEvent();

        // When
        Files.writeString(file, CatalogFixtures.minimalWith("retention: P45D", "retention: P30D"));

        // Then
        Object event = nextEvent();
        assertThat(event).isInstanceOf(Catalog.class);
        assertThat(((Catalog) event).retentionFor("mailer", "user.contact.email"))
                .flatMap(RetentionRule::period)
                .map(Object::toString)
                .contains("P30D");
        assertThat(watcher.lastGood()).contains((Catalog) event);
    }

    @Test
    void shouldKeepTheLastGoodCatalogWhenTheFileBecomesInvalid() throws Exception {
        // Given
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFixtures.minimal());
        watch(file, this::record).start();
        Catalog good = (Catalog) nextEvent();

        // When
        Files.writeString(file, CatalogFixtures.minimalWith("retention: P45D", "retention: 45 days"));

        // Then
        Object event = nextEvent();
        assertThat(event).isInstanceOf(List.class);
        assertThat(watcher.lastProblems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("holders[1].retention[0].retention");
            assertThat(p.file()).isEqualTo(file.toAbsolutePath().toString());
        });
        assertThat(watcher.lastGood()).contains(good);
        assertThat(published).containsExactly(good);
    }

    @Test
    void shouldReportTheSameBrokenFileOnlyOnce() throws Exception {
        // Given
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFixtures.minimalWith("country: US", "country: XX"));
        CatalogWatcher.Outcome first = watch(file, this::record).start();
        nextEvent();

        // When
        CatalogWatcher.Outcome again = watcher.checkNow();

        // Then
        assertThat(first).isEqualTo(CatalogWatcher.Outcome.REJECTED);
        assertThat(again).isEqualTo(CatalogWatcher.Outcome.UNCHANGED);
        assertThat(events).isEmpty();
        assertThat(watcher.lastGood()).isEmpty();
    }

    @Test
    void shouldKeepTheLastGoodCatalogWhileTheFileIsMissing() throws Exception {
        // Given
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFixtures.minimal());
        watch(file, this::record).start();
        Catalog good = (Catalog) nextEvent();

        // When
        Files.delete(file);

        // Then
        Object event = nextEvent();
        assertThat(event).isInstanceOf(List.class);
        assertThat(watcher.lastProblems())
                .singleElement()
                .extracting(CatalogProblem::reason)
                .asString()
                .startsWith("catalog file not found");
        assertThat(watcher.lastGood()).contains(good);
    }

    @Test
    void shouldRetryAPublicationThatFailed() throws Exception {
        // Given: a sink that fails once
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFixtures.minimal());
        int[] calls = {0};
        CatalogSink flaky = catalog -> {
            if (calls[0]++ == 0) {
                throw new CatalogPublishException("broker unavailable");
            }
            return record(catalog);
        };

        // When
        CatalogWatcher.Outcome first = watch(file, flaky).start();

        // Then: the next tick publishes the unchanged file
        assertThat(first).isEqualTo(CatalogWatcher.Outcome.PUBLISH_FAILED);
        assertThat(nextEvent()).isInstanceOf(Catalog.class);
        assertThat(published).hasSize(1);
        assertThat(watcher.lastGood()).isPresent();
    }
}

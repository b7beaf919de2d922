package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.api.ApiClient;
import dev.whereabouts.graph.api.DpoApi;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.findings.FindingRepository;
import dev.whereabouts.graph.findings.FindingRepository.FindingGroup;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.holder.HolderDetail;
import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.retention.RetentionFinding;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.ErrorRenderer;
import dev.whereabouts.web.HttpService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's counts above the live limit: the background count equals a direct count of the graph
 * when taken, the pages say when it was taken (and that it is still running before the first one), a
 * write is seen by the next count, a count with nothing written since only notes that, and the
 * refresher's thread stops when closed. The product's limit is 20,000; here it is 0, so the seed's
 * handful of findings and edges take the background path.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ConsoleCountsIT {

    private final FindingRepository findings = new FindingRepository();
    private final HolderRepository holders = new HolderRepository();

    @Test
    void shouldServeTheBackgroundCountEqualToADirectCountSayingWhenItWasTaken(StackFixture stack) throws Exception {
        try (RunningApi api = new RunningApi(stack)) {
            // Given seven open findings in three groups and five people's e-mail addresses at Postmark
            CatalogScenario.produce(api);
            Clock clock = Clock.systemUTC();
            GraphTransactions graph = new GraphTransactions(stack.driver());
            ConsoleCounts counted = new ConsoleCounts(graph, clock, 0);
            ConsoleCounts live = new ConsoleCounts(graph, clock, Long.MAX_VALUE);

            // Before the first background count: nothing to show, never a count taken on the page's thread
            Optional<ConsoleCounts.Counted<List<FindingGroup>>> notYet =
                    graph.read(tx -> counted.openGroups(tx, Optional.empty(), Optional.empty(), 500));
            assertThat(notYet).isEmpty();
            Optional<ConsoleCounts.Counted<List<HolderDetail.CategoryCount>>> peopleNotYet =
                    graph.read(tx -> counted.peoplePerCategory(tx, "postmark"));
            assertThat(peopleNotYet).isEmpty();

            // When it counts
            Instant before = clock.instant();
            assertThat(counted.refresh()).isTrue();

            // Then every count equals the direct count, and says when it was taken
            List<FindingGroup> direct =
                    graph.read(tx -> findings.openGroups(tx, Optional.empty(), Optional.empty(), 500));
            assertThat(direct).hasSize(3);
            ConsoleCounts.Counted<List<FindingGroup>> groups = graph.read(
                            tx -> counted.openGroups(tx, Optional.empty(), Optional.empty(), 500))
                    .orElseThrow();
            assertThat(groups.value()).isEqualTo(direct);
            assertThat(groups.isLive()).isFalse();
            assertThat(groups.countedAt()).isBetween(before, clock.instant());
            assertThat(groups.words(groups.countedAt().plusSeconds(20)))
                    .startsWith("counted in the background 20 s ago (");
            ConsoleCounts.Counted<List<FindingGroup>> liveGroups = graph.read(
                            tx -> live.openGroups(tx, Optional.empty(), Optional.empty(), 500))
                    .orElseThrow();
            assertThat(liveGroups.isLive()).isTrue();
            assertThat(liveGroups.value()).isEqualTo(direct);
            assertThat(graph.read(tx -> counted.openGroups(
                                    tx, Optional.of("postmark"), Optional.of("RETENTION_EXPIRED"), 500))
                            .orElseThrow()
                            .value())
                    .isEqualTo(graph.read(tx ->
                            findings.openGroups(tx, Optional.of("postmark"), Optional.of("RETENTION_EXPIRED"), 500)));
            List<String> ids = List.of("postmark", "transip-vps-backups", "zendesk");
            assertThat(graph.read(tx -> counted.openPerHolder(tx, ids))
                            .orElseThrow()
                            .value())
                    .isEqualTo(graph.read(tx -> findings.openCounts(tx, ids)))
                    .containsOnly(Map.entry("postmark", 4L), Map.entry("transip-vps-backups", 3L));
            assertThat(graph.read(tx -> counted.openPerKind(tx, HomePage.OPEN_FINDINGS))
                            .orElseThrow()
                            .value())
                    .isEqualTo(graph.read(tx -> live.openPerKind(tx, HomePage.OPEN_FINDINGS)
                            .orElseThrow()
                            .value()))
                    .containsOnly(Map.entry("BACKUP_PROMISE_EXCEEDED", 3L), Map.entry("RETENTION_EXPIRED", 4L));
            List<HolderDetail.CategoryCount> postmark = graph.read(tx -> holders.peoplePerCategory(tx, "postmark"));
            assertThat(graph.read(tx -> counted.peoplePerCategory(tx, "postmark"))
                            .orElseThrow()
                            .value())
                    .isEqualTo(postmark)
                    .contains(
                            new HolderDetail.CategoryCount(SeedScenario.EMAIL, "HELD", 3),
                            new HolderDetail.CategoryCount(SeedScenario.EMAIL, "ERASED", 2));

            // Nothing written since: the next count only notes that it is still current
            Thread.sleep(20);
            assertThat(counted.refresh()).isFalse();
            ConsoleCounts.Counted<List<FindingGroup>> again = graph.read(
                            tx -> counted.openGroups(tx, Optional.empty(), Optional.empty(), 500))
                    .orElseThrow();
            assertThat(again.countedAt()).isEqualTo(groups.countedAt());
            assertThat(again.checkedAt()).isAfter(groups.countedAt());
            assertThat(again.words(again.checkedAt())).contains("nothing was written to the graph since");

            // A new finding: the live count sees it at once, the background count at its next run
            RetentionFinding added = RetentionFinding.newBuilder(
                            CatalogScenario.findings().get(0))
                    .setFindingId("s-new/" + SeedScenario.EMAIL + "/postmark/RETENTION_EXPIRED")
                    .setSubjectId("s-new")
                    .build();
            api.clients.produce(Topics.RETENTION_FINDINGS, Map.of(added.getFindingId(), added));
            api.catchUp();
            assertThat(total(graph.read(tx -> live.openGroups(tx, Optional.empty(), Optional.empty(), 500))
                            .orElseThrow()))
                    .isEqualTo(8);
            assertThat(total(graph.read(tx -> counted.openGroups(tx, Optional.empty(), Optional.empty(), 500))
                            .orElseThrow()))
                    .isEqualTo(7);
            assertThat(counted.refresh()).isTrue();
            ConsoleCounts.Counted<List<FindingGroup>> recounted = graph.read(
                            tx -> counted.openGroups(tx, Optional.empty(), Optional.empty(), 500))
                    .orElseThrow();
            assertThat(total(recounted)).isEqualTo(8);
            assertThat(recounted.countedAt()).isAfter(groups.countedAt());
        }
    }

    @Test
    void shouldShowThePagesCountsFromTheBackgroundCountSayingSoAndEqualToTheLivePages(StackFixture stack)
            throws Exception {
        try (RunningApi api = new RunningApi(stack)) {
            CatalogScenario.produce(api);
            Clock clock = Clock.systemUTC();
            GraphTransactions graph = new GraphTransactions(stack.driver());
            ConsoleCounts counts = new ConsoleCounts(graph, clock, 0);
            Console console = new Console(
                    Authenticator.fromSpec(ApiClient.TOKENS),
                    DpoApi.objectMapper(),
                    clock,
                    List.of(
                            new HomePage(graph, counts),
                            new HolderPages(graph, counts),
                            new FindingPages(graph, counts)));
            try (HttpService http = HttpService.builder("console-counts-it")
                    .host("127.0.0.1")
                    .port(0)
                    .threads(4)
                    .routes(console.routes())
                    .authenticator(Authenticator.fromSpec(ApiClient.TOKENS))
                    .json(DpoApi.objectMapper())
                    .errors(console.errorRenderer(ErrorRenderer.problemJson(DpoApi.objectMapper())))
                    .start()) {
                ConsoleClient counted = new ConsoleClient(http.url());
                counted.signIn(ApiClient.DPO_TOKEN);
                ConsoleClient live = HolderPagesIT.signedIn(api);

                // Before the first count each page says the count is still running, and shows no number
                for (String path :
                        List.of("/console", "/console/holders", "/console/holders/postmark", "/console/findings")) {
                    ConsoleClient.Page page = counted.get(path);
                    assertThat(page.status()).as(path).isEqualTo(200);
                    assertThat(page.body()).as(path).contains("reload in a few seconds");
                }
                assertThat(counted.get("/console/findings").body())
                        .doesNotContain("No open retention or backup findings");

                // After it, the same numbers as the live pages, each page saying when they were counted
                counts.refresh();
                String findingsPage =
                        Html.decoded(counted.get("/console/findings").body());
                String livePage = Html.decoded(live.get("/console/findings").body());
                assertThat(findingsPage)
                        .contains("counted in the background")
                        .doesNotContain("reload in a few seconds");
                assertThat(Html.rows(findingsPage, "finding-groups"))
                        .hasSize(3)
                        .isEqualTo(Html.rows(livePage, "finding-groups"));
                assertThat(findingsPage).contains("<strong>7</strong> open findings in 3 groups");
                assertThat(livePage).doesNotContain("counted in the background");

                String holder =
                        Html.decoded(counted.get("/console/holders/postmark").body());
                String liveHolder =
                        Html.decoded(live.get("/console/holders/postmark").body());
                assertThat(holder)
                        .contains("People counted in the background", "Open findings counted in the background");
                assertThat(Html.rows(holder, "people-per-category"))
                        .isEqualTo(Html.rows(liveHolder, "people-per-category"))
                        .anySatisfy(row -> assertThat(row).contains(SeedScenario.EMAIL, ">5</td>"));
                assertThat(holder).contains("4 open findings at this holder");

                String list = Html.decoded(counted.get("/console/holders").body());
                assertThat(Html.row(list, "holders", ">postmark<"))
                        .isEqualTo(Html.row(
                                Html.decoded(live.get("/console/holders").body()), "holders", ">postmark<"))
                        .contains(">4</a>");

                String home = Html.decoded(counted.get("/console").body());
                assertThat(home)
                        .contains("Open findings counted in the background")
                        .contains(">Retention expired</a></td><td class=\"num\">4</td>")
                        .contains(">Backup promise exceeded</a></td><td class=\"num\">3</td>");
            }
        }
    }

    @Test
    void shouldCountInTheBackgroundUntilClosedAndThenStop(StackFixture stack) throws Exception {
        try (RunningApi api = new RunningApi(stack)) {
            CatalogScenario.produce(api);
            ConsoleCounts counts = new ConsoleCounts(new GraphTransactions(stack.driver()), Clock.systemUTC(), 0);
            ConsoleCounts.Refresher refresher = counts.start(Duration.ofMillis(50));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (counts.snapshot().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(counts.snapshot()).isPresent();
            assertThat(refresher.isStopped()).isFalse();

            refresher.close();

            assertThat(refresher.isStopped()).isTrue();
            Instant checked = counts.snapshot().orElseThrow().checkedAt();
            Thread.sleep(200);
            assertThat(counts.snapshot().orElseThrow().checkedAt()).isEqualTo(checked);
        }
    }

    private static long total(ConsoleCounts.Counted<List<FindingGroup>> groups) {
        return groups.value().stream().mapToLong(FindingGroup::count).sum();
    }
}

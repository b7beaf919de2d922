package dev.whereabouts.streams.routing;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Pseudonyms.phone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.streams.fixtures.Requests;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.SeedScenario;
import dev.whereabouts.streams.fixtures.SharingEvents;
import dev.whereabouts.streams.fixtures.TopologyHarness;
import dev.whereabouts.streams.identity.SubjectIds;
import dev.whereabouts.streams.state.RouteKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/**
 * Where routing messages are handled: in the task that produced them when it owns their key,
 * otherwise through the routing topic; and the answer must not depend on which.
 */
class RoutingTest {

    @Test
    void shouldPlaceIdentifierAndRequestKeysExactlyWhereAProducerPlacesThem() {
        for (int i = 0; i < 1_000; i++) {
            String key = email("person-" + i).getPseudonym();
            int expected = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 6);
            assertThat(RoutePartitioning.partition(RouteKind.RESOLVE_EVENT, key, 6))
                    .isEqualTo(expected);
            assertThat(RoutePartitioning.partition(RouteKind.OUTCOME, "request-" + i, 6))
                    .isEqualTo(
                            BuiltInPartitioner.partitionForKey(("request-" + i).getBytes(StandardCharsets.UTF_8), 6));
        }
    }

    @Test
    void shouldPlaceASubjectWithTheIdentifierItWasFoundedBy() {
        for (int i = 0; i < 1_000; i++) {
            var founder = dev.whereabouts.streams.state.Identifier.newBuilder()
                    .setType("EMAIL")
                    .setPseudonym(email("person-" + i).getPseudonym())
                    .setKeyId("k1")
                    .build();
            String subject = SubjectIds.fresh(java.util.List.of(founder));
            assertThat(RoutePartitioning.partition(RouteKind.EVENT, subject, 12))
                    .isEqualTo(RoutePartitioning.partition(RouteKind.RESOLVE_EVENT, founder.getPseudonym(), 12));
        }
    }

    @Test
    void shouldHandleEverythingInTheTaskWhenItOwnsEveryKey() {
        try (TopologyHarness harness = new TopologyHarness(c -> c.withRoutePartitions(1)).seedCatalog()) {
            SubjectIdentifier alice = email("alice");
            SeedScenario.eventsOf(alice, phone("alice")).forEach(harness::share);
            harness.request(Requests.aRequest(RequestType.ERASURE).of(alice).build());

            assertThat(harness.tasks()).isNotEmpty();
            assertThat(harness.routingHops()).containsEntry("topic-hop", 0L);
            assertThat(harness.routingHops().get("local-hop")).isPositive();
        }
    }

    @Test
    void shouldResolveAKnownPairOfIdentifiersWithoutVisitingTheSecond() {
        int partitions = 8;
        // Alice's e-mail is owned by the driver's only task (partition 0), her phone by another.
        String name = label(n -> RoutePartitioning.forKey(email(n).getPseudonym(), partitions) == 0
                && RoutePartitioning.forKey(phone(n).getPseudonym(), partitions) != 0);
        try (TopologyHarness harness = new TopologyHarness(c -> c.withRoutePartitions(partitions)).seedCatalog()) {
            harness.share(SharingEvents.aSharingEvent()
                    .of(email(name), phone(name))
                    .to(SeedCatalog.POSTMARK)
                    .categories("user.contact.email")
                    .purpose("transactional-mail"));
            long firstTopicHops = harness.routingHops().get("topic-hop");
            harness.share(SharingEvents.aSharingEvent()
                    .of(email(name), phone(name))
                    .to(SeedCatalog.ZENDESK)
                    .categories("user.contact.email")
                    .purpose("helpdesk"));

            // The first event had to ask the phone's owner; the second knows the phone as a companion.
            assertThat(firstTopicHops).isPositive();
            assertThat(harness.routingHops().get("topic-hop")).isEqualTo(firstTopicHops);
            assertThat(harness.lineageTable().keySet())
                    .extracting(LineageKey::getHolder)
                    .contains(SeedCatalog.POSTMARK, SeedCatalog.ZENDESK);
            assertThat(harness.lineageTable().keySet())
                    .extracting(LineageKey::getSubjectId)
                    .containsOnly("s-" + email(name).getPseudonym());
        }
    }

    @Test
    void shouldGiveTheSameAnswerWhetherWorkIsDoneInTheTaskOrThroughTheTopic() {
        Map<String, String> local = seedScenarioAnswer(1);
        Map<String, String> routed = seedScenarioAnswer(7);

        assertThat(routed).isEqualTo(local);
        assertThat(local).isNotEmpty();
    }

    /** Lineage (holder/category -> status) and tasks (holder -> type) of the seed scenario and an erasure. */
    private static Map<String, String> seedScenarioAnswer(int routePartitions) {
        try (TopologyHarness harness = new TopologyHarness(c -> c.withRoutePartitions(routePartitions)).seedCatalog()) {
            // Carol's three identifiers arrive separately first (three subjects), then one event links them.
            SubjectIdentifier mail = email("carol");
            SeedScenario.eventsOf(mail, phone("carol")).forEach(harness::share);
            harness.request(
                    Requests.aRequest(RequestType.ERASURE).of(phone("carol")).build());
            Map<String, String> answer = new TreeMap<>();
            for (Map.Entry<LineageKey, LineageRecord> e : harness.lineageTable().entrySet()) {
                answer.put(
                        "lineage " + e.getKey().getHolder() + " " + e.getKey().getCategory(),
                        e.getValue().getStatus() + " via " + e.getValue().getPath());
            }
            answer.putAll(harness.tasks().stream()
                    .map(r -> r.value())
                    .collect(Collectors.toMap(
                            t -> "task " + t.getHolder(),
                            (HolderTask t) -> t.getType().name())));
            return answer;
        }
    }

    private static String label(Predicate<String> wanted) {
        return IntStream.range(0, 10_000)
                .mapToObj(i -> "person-" + i)
                .filter(wanted)
                .findFirst()
                .orElseThrow();
    }
}

package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.lookup.Location;
import dev.whereabouts.graph.schema.LegalHolds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageGraphTest {

    static final Instant SHARED = Instant.parse("2026-11-20T08:30:00Z");

    static Location location(String category, String holder, String name, List<String> path, String status) {
        return new Location(
                "s-a11ce",
                category,
                holder,
                name,
                "Entity of " + holder,
                "NL",
                "PROCESSOR",
                path.isEmpty(),
                path,
                List.of("purpose"),
                List.of("CONTRACT"),
                List.of("smarttrackers-app"),
                SHARED,
                SHARED,
                null,
                status,
                status.equals("HELD") ? null : "because");
    }

    static final Map<String, HolderRepository.Keeping> KEEPING = Map.of(
            "transip",
            new HolderRepository.Keeping("transip", List.of("database-backup"), List.of()),
            "s3",
            new HolderRepository.Keeping("s3", List.of("database-backup"), List.of()),
            "moneybird",
            new HolderRepository.Keeping(
                    "moneybird",
                    List.of("invoicing"),
                    List.of(new LegalHolds.Hold(
                            List.of("user.contact.email", "user.payment"), "P7Y", "invoices kept 7 years", "AWR"))));

    @Test
    void shouldDrawThePersonToDirectHoldersAndOnwardHoldersFromTheLastHopOfTheirPath() {
        // Given the app holding an email directly, TransIP onward from the app, S3 onward through both
        List<Location> locations = List.of(
                location("user.contact.email", "app", "App", List.of(), "HELD"),
                location("user.contact.email", "transip", "TransIP", List.of("app"), "HELD"),
                location("user.contact.email", "s3", "S3", List.of("app", "transip"), "HELD"),
                location("user.name", "app", "App", List.of(), "HELD"));

        // When drawn
        Map<String, Object> graph = LineageGraph.of("This person", locations, KEEPING);

        // Then the nodes are the person and each holder, backups and onward holders marked as such
        List<Map<String, Object>> elements = elements(graph);
        assertThat(nodes(elements))
                .containsExactly(
                        "person:This person:person",
                        "h-app:App:",
                        "h-s3:S3:onward backup",
                        "h-transip:TransIP:onward backup");
        // And each edge runs from where the data came from, labelled with its categories
        assertThat(edges(elements))
                .containsExactly(
                        "h-app->h-transip HELD [user.contact.email]",
                        "h-transip->h-s3 HELD [user.contact.email]",
                        "person->h-app HELD [user.contact.email, user.name]");
        assertThat(graph.get("roots")).isEqualTo(List.of("#person"));
    }

    @Test
    void shouldDrawHeldErasedAndRestrictedDataToOneHolderAsSeparateEdgesClassedByStatus() {
        List<Location> locations = List.of(
                location("user.contact.email", "moneybird", "MoneyBird", List.of(), "RESTRICTED"),
                location("user.name", "moneybird", "MoneyBird", List.of(), "ERASED"),
                location("user.payment", "moneybird", "MoneyBird", List.of(), "RESTRICTED"),
                location("user.contact.phone_number", "moneybird", "MoneyBird", List.of(), "HELD"));

        List<Map<String, Object>> elements = elements(LineageGraph.of("This person", locations, KEEPING));

        assertThat(edges(elements))
                .containsExactly(
                        "person->h-moneybird ERASED [user.name]",
                        "person->h-moneybird HELD [user.contact.phone_number]",
                        "person->h-moneybird RESTRICTED [user.contact.email, user.payment]");
        assertThat(elements.stream()
                        .filter(e -> e.get("group").equals("edges"))
                        .map(e -> e.get("classes"))
                        .toList())
                .containsExactly("ERASED", "HELD", "RESTRICTED");
    }

    @Test
    void shouldDrawAHolderOnThePathThatKeepsNothingOfThePersonSoThePathIsWhole() {
        List<Location> locations =
                List.of(location("user.contact.email", "s3", "S3", List.of("app", "transip"), "HELD"));

        List<Map<String, Object>> elements = elements(LineageGraph.of("This person", locations, KEEPING));

        assertThat(nodes(elements))
                .containsExactly(
                        "person:This person:person",
                        "h-app:app:onward",
                        "h-s3:S3:onward backup",
                        "h-transip:transip:onward backup");
        assertThat(edges(elements)).containsExactly("h-transip->h-s3 HELD [user.contact.email]");
    }

    @Test
    void shouldDrawAnOnwardHolderWhosePathEndsAtItselfFromTheHopBeforeItAsTheTopologyWritesPaths() {
        // The topology's paths run from the directly shared holder to the onward holder itself
        List<Location> locations = List.of(
                location("user.contact.email", "app", "App", List.of(), "HELD"),
                location("user.contact.email", "s3", "S3", List.of("app", "s3"), "HELD"));

        List<Map<String, Object>> elements = elements(LineageGraph.of("This person", locations, KEEPING));

        assertThat(edges(elements))
                .containsExactly("h-app->h-s3 HELD [user.contact.email]", "person->h-app HELD [user.contact.email]");
        assertThat(LineageGraph.via(locations.get(1))).containsExactly("app");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> elements(Map<String, Object> graph) {
        return (List<Map<String, Object>>) graph.get("elements");
    }

    @SuppressWarnings("unchecked")
    static List<String> nodes(List<Map<String, Object>> elements) {
        return elements.stream()
                .filter(e -> e.get("group").equals("nodes"))
                .map(e -> {
                    Map<String, Object> data = (Map<String, Object>) e.get("data");
                    return data.get("id") + ":" + data.get("label") + ":" + e.get("classes");
                })
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> edges(List<Map<String, Object>> elements) {
        return elements.stream()
                .filter(e -> e.get("group").equals("edges"))
                .map(e -> {
                    Map<String, Object> data = (Map<String, Object>) e.get("data");
                    return data.get("source") + "->" + data.get("target") + " " + data.get("status") + " "
                            + data.get("categories");
                })
                .toList();
    }
}

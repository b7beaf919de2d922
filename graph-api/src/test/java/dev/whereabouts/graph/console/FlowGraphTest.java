package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.holder.DeclaredHolder;
import dev.whereabouts.graph.holder.FlowView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowGraphTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldDrawTheHoldersAtEitherEndOfAFlowAsNodesAndEachFlowAsAnEdgeLabelledWithItsCategories() {
        // Given two chained backup flows and a holder the catalog does not know at the end of a third
        List<FlowView> flows = List.of(
                new FlowView("app-to-vps", "app", "vps", List.of("user"), "P1Y", "backup", "first backup"),
                new FlowView("vps-to-s3", "vps", "s3", List.of("user.contact", "user.content"), null, "backup", null),
                new FlowView("app-to-crm", "app", "crm", List.of("user.name"), null, "sales", null));
        Map<String, DeclaredHolder> holders = Map.of(
                "app", holder("app", "The app", "account"),
                "vps", holder("vps", "VPS backups", "file-backup"),
                "s3", holder("s3", "S3 backups", "database-backup"));

        // When drawn
        JsonNode graph = JSON.valueToTree(FlowGraph.of(flows, holders));

        // Then the nodes are the holders in id order, named, the receivers drawn as onward and backups as backups
        JsonNode elements = graph.get("elements");
        assertThat(elements).hasSize(7);
        assertThat(elements.get(0).get("data").get("id").asText()).isEqualTo("app");
        assertThat(elements.get(0).get("data").get("label").asText()).isEqualTo("The app");
        assertThat(elements.get(0).get("classes").asText()).isEmpty();
        assertThat(elements.get(1).get("data").get("label").asText()).isEqualTo("crm");
        assertThat(elements.get(1).get("classes").asText()).isEqualTo("onward");
        assertThat(elements.get(2).get("data").get("id").asText()).isEqualTo("s3");
        assertThat(elements.get(2).get("classes").asText()).isEqualTo("onward backup");
        // and the edges carry their categories, as label and as the filter's list
        JsonNode edge = elements.get(5).get("data");
        assertThat(elements.get(5).get("group").asText()).isEqualTo("edges");
        assertThat(edge.get("id").asText()).isEqualTo("flow:vps-to-s3");
        assertThat(edge.get("source").asText()).isEqualTo("vps");
        assertThat(edge.get("target").asText()).isEqualTo("s3");
        assertThat(edge.get("label").asText()).isEqualTo("user.contact, user.content");
        assertThat(edge.get("categories")).extracting(JsonNode::asText).containsExactly("user.contact", "user.content");
        assertThat(edge.get("status").asText()).isEqualTo(FlowGraph.DECLARED);
        assertThat(elements.get(4).get("data").get("label").asText()).isEqualTo("user (kept P1Y)");
        // and the layout starts where nothing flows in
        assertThat(graph.get("roots")).extracting(JsonNode::asText).containsExactly("#app");
    }

    @Test
    void shouldDrawNothingWithoutFlows() {
        JsonNode graph = JSON.valueToTree(FlowGraph.of(List.of(), Map.of()));
        assertThat(graph.get("elements")).isEmpty();
        assertThat(graph.get("roots")).isEmpty();
    }

    private static DeclaredHolder holder(String id, String name, String purpose) {
        return new DeclaredHolder(
                id,
                true,
                name,
                "Entity",
                "NL",
                "PROCESSOR",
                List.of(purpose),
                "MANUAL",
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }
}

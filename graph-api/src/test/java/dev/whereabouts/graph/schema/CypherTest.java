package dev.whereabouts.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CypherTest {

    @Test
    void shouldResolveLabelAndRelationshipTokensAndLeaveParametersAlone() {
        assertThat(Cypher.of("MERGE (s:${Subject} {id: $id})-[:${SHARED_WITH}]->(h:${Holder} {id: row.holder})"))
                .isEqualTo("MERGE (s:Subject {id: $id})-[:SHARED_WITH]->(h:Holder {id: row.holder})");
    }

    @Test
    void shouldRefuseATokenThatIsNeitherALabelNorARelationshipType() {
        assertThatThrownBy(() -> Cypher.of("MATCH (n:${Person})")).hasMessageContaining("${Person}");
    }

    @Test
    void shouldConstrainTheKeyOfEveryLabel() {
        assertThat(GraphSchema.statements())
                .contains(
                        "CREATE CONSTRAINT subject_id_unique IF NOT EXISTS FOR (n:Subject) REQUIRE n.id IS UNIQUE",
                        "CREATE CONSTRAINT identifier_pseudonym_unique IF NOT EXISTS FOR (n:Identifier) REQUIRE n.pseudonym IS UNIQUE");
        assertThat(GraphSchema.statements().stream().filter(s -> s.startsWith("CREATE CONSTRAINT")))
                .hasSize(NodeLabel.values().length);
    }
}

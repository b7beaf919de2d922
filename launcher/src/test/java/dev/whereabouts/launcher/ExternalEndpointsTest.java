package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExternalEndpointsTest {

    @Test
    void shouldRunEmbeddedWhenNoExternalServiceIsNamed() {
        assertThat(ExternalEndpoints.from(Map.of(), new Properties())).isEmpty();
    }

    @Test
    void shouldTakeAllThreeFromTheEnvironmentWithADefaultReplicationFactor() {
        var external = ExternalEndpoints.from(
                        Map.of(
                                "WHEREABOUTS_EXTERNAL_KAFKA",
                                "kafka:9092",
                                "WHEREABOUTS_EXTERNAL_REGISTRY",
                                "http://registry:8081",
                                "WHEREABOUTS_EXTERNAL_NEO4J",
                                "neo4j+s://graph:7687"),
                        new Properties())
                .orElseThrow();

        assertThat(external.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(external.registryUrl()).hasToString("http://registry:8081");
        assertThat(external.replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void shouldNameWhatIsMissingOrMalformed() {
        Properties onlyKafka = new Properties();
        onlyKafka.setProperty("whereabouts.external.kafka", "kafka:9092");
        Properties badNeo4j = new Properties();
        badNeo4j.putAll(Map.of(
                "whereabouts.external.kafka",
                "k:9092",
                "whereabouts.external.registry",
                "http://r:8081",
                "whereabouts.external.neo4j",
                "http://graph:7474"));

        assertThatThrownBy(() -> ExternalEndpoints.from(Map.of(), onlyKafka))
                .hasMessageContaining("missing: --external-registry --external-neo4j");
        assertThatThrownBy(() -> ExternalEndpoints.from(Map.of(), badNeo4j)).hasMessageContaining("bolt://");
    }
}

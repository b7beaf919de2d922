package dev.whereabouts.registry;

import static dev.whereabouts.registry.AvroSchemas.aRecord;
import static dev.whereabouts.registry.RegistryAssertions.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** State survives close and restart on the same data directory, including after a crash. */
class DurabilityTest {

    static final String USER_V1 = aRecord("User").field("name", "string").build();
    static final String USER_V2 =
            aRecord("User").field("name", "string").field("age", "int", "0").build();
    static final String ORDER = aRecord("Order").field("id", "long").build();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    RegistryClient client() {
        return registry.client();
    }

    Path logFile() {
        return registry.dataDirectory().resolve("registry-log.jsonl");
    }

    @Test
    void shouldKeepIdsVersionsAndSchemasAcrossRestart() throws IOException {
        client().register("users-value", USER_V1);
        client().register("users-value", USER_V2);
        client().register("orders-value", ORDER);
        client().register("people-value", USER_V1);
        client().delete("/subjects/users-value/versions/1");
        JsonNode before = snapshot();

        registry.restart();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(client().register("people-value", USER_V1)).isEqualTo(1);
        assertThat(client().register(
                                "audit-value",
                                aRecord("Audit").field("at", "long").build()))
                .isEqualTo(4);
    }

    @Test
    void shouldKeepCompatibilityLevelsAcrossRestart() throws IOException {
        client().put("/config", "{\"compatibility\":\"FULL\"}");
        client().put("/config/users-value", "{\"compatibility\":\"NONE\"}");
        client().put("/config/orders-value", "{\"compatibility\":\"FORWARD\"}");
        client().delete("/config/orders-value");

        registry.restart();

        assertJson(client().get("/config"), 200, "{\"compatibilityLevel\":\"FULL\"}");
        assertJson(client().get("/config/users-value"), 200, "{\"compatibilityLevel\":\"NONE\"}");
        assertThat(client().get("/config/orders-value").status()).isEqualTo(404);
    }

    @Test
    void shouldKeepDeletionsAcrossRestart() throws IOException {
        client().register("users-value", USER_V1);
        client().register("orders-value", ORDER);
        client().delete("/subjects/users-value");
        client().delete("/subjects/orders-value");
        client().delete("/subjects/orders-value?permanent=true");

        registry.restart();

        assertJson(client().get("/subjects"), 200, "[]");
        assertJson(client().get("/subjects?deleted=true"), 200, "[\"users-value\"]");
    }

    @Test
    void shouldNeverReuseIdsAfterPermanentDeleteAndRestart() throws IOException {
        client().register("users-value", USER_V1);
        client().register("users-value", USER_V2);
        client().delete("/subjects/users-value");
        client().delete("/subjects/users-value?permanent=true");

        registry.restart();

        assertThat(client().register("orders-value", ORDER)).isEqualTo(3);
        assertThat(client().register("users-value", USER_V2)).isEqualTo(2);
    }

    @Test
    void shouldWriteOneJsonLinePerMutation() throws IOException {
        client().register("users-value", USER_V1);
        client().register("users-value", USER_V1); // idempotent: no new record
        client().put("/config/users-value", "{\"compatibility\":\"NONE\"}");
        client().delete("/subjects/users-value/versions/1");
        registry.stop();

        List<String> lines = Files.readAllLines(logFile());

        assertThat(lines).hasSize(3);
        assertThat(RegistryResponse.parse(lines.get(0)))
                .isEqualTo(RegistryResponse.parse(
                        "{\"type\":\"schema-registered\",\"id\":1,\"subject\":\"users-value\",\"version\":1,"
                                + "\"schema\":" + SubjectsEndpointTest.quote(AvroSchemas.canonical(USER_V1)) + "}"));
        assertThat(RegistryResponse.parse(lines.get(1)))
                .isEqualTo(RegistryResponse.parse(
                        "{\"type\":\"compatibility-set\",\"subject\":\"users-value\",\"level\":\"NONE\"}"));
        assertThat(RegistryResponse.parse(lines.get(2)))
                .isEqualTo(RegistryResponse.parse(
                        "{\"type\":\"version-deleted\",\"subject\":\"users-value\",\"version\":1,"
                                + "\"permanent\":false}"));
        registry.start();
    }

    @Test
    void shouldDropTornLastLineAndKeepEverythingBeforeIt() throws IOException {
        client().register("users-value", USER_V1);
        client().register("users-value", USER_V2);
        registry.stop();
        long committed = Files.size(logFile());
        append("{\"type\":\"schema-registered\",\"id\":3,\"subj");

        registry.start();

        assertThat(Files.size(logFile())).isEqualTo(committed);
        assertJson(client().get("/subjects/users-value/versions"), 200, "[1,2]");
        assertThat(client().register("orders-value", ORDER)).isEqualTo(3);
        registry.restart();
        assertJson(client().get("/subjects"), 200, "[\"orders-value\",\"users-value\"]");
    }

    @Test
    void shouldDropZeroFilledTailLeftByACrash() throws IOException {
        client().register("users-value", USER_V1);
        registry.stop();
        long committed = Files.size(logFile());
        Files.write(logFile(), new byte[64], StandardOpenOption.APPEND);

        registry.start();

        assertThat(Files.size(logFile())).isEqualTo(committed);
        assertJson(client().get("/subjects"), 200, "[\"users-value\"]");
    }

    @Test
    void shouldRefuseToStartWhenLogIsCorruptBeforeItsLastLine() throws IOException {
        client().register("users-value", USER_V1);
        registry.stop();
        String validRecord = Files.readAllLines(logFile()).get(0);
        append("this is not a record\n" + validRecord.replace("users-value", "orders-value") + "\n");

        assertThatThrownBy(registry::start).isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }

    @Test
    void shouldRefuseASecondRegistryOnTheSameDataDirectory() {
        RegistryConfig sameDirectory =
                RegistryConfig.defaults().withPort(0).withDataDirectory(registry.dataDirectory());

        assertThatThrownBy(() -> SchemaRegistryServer.start(sameDirectory))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("in use");
    }

    private void append(String text) throws IOException {
        Files.write(logFile(), text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }

    private JsonNode snapshot() {
        var snapshot = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        snapshot.set("subjects", client().get("/subjects?deleted=true").json());
        for (JsonNode subject : snapshot.get("subjects")) {
            String name = subject.asText();
            JsonNode versions =
                    client().get("/subjects/" + name + "/versions?deleted=true").json();
            for (JsonNode version : versions) {
                snapshot.set(
                        name + "/" + version.asInt(),
                        client().get("/subjects/" + name + "/versions/" + version.asInt() + "?deleted=true")
                                .json());
            }
        }
        for (int id = 1; id <= 3; id++) {
            snapshot.set("id/" + id, client().get("/schemas/ids/" + id).json());
        }
        return snapshot;
    }
}

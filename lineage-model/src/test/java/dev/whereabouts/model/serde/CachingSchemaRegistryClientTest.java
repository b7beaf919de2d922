package dev.whereabouts.model.serde;

import static dev.whereabouts.model.serde.SerdeFixtures.PING;
import static dev.whereabouts.model.serde.SerdeFixtures.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.model.sharing.SharingEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

    private final FakeSchemaRegistryServer server;
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    CachingSchemaRegistryClientTest() throws IOException {
        server = new FakeSchemaRegistryServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldMakeNoHttpCallOnSecondSerialize() {
        // Given a serializer configured from producer properties, as Kafka would build it
        server.on("POST", "/subjects/pings-value/versions", 200, "{\"id\":42}");
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", server.url()), false);

        // When it writes two records, the second with an equal but separately parsed schema
        byte[] first = serializer.serialize("pings", aPing(PING));
        byte[] second = serializer.serialize("pings", aPing(new Schema.Parser().parse(PING.toString())));

        // Then only the first reached the registry
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(WireFormat.readSchemaId(first)).isEqualTo(42);
        assertThat(second).containsExactly(first);
        serializer.close();
    }

    @Test
    void shouldMakeNoHttpCallOnSecondDeserialize() throws IOException {
        server.on(
                "GET",
                "/schemas/ids/42",
                200,
                "{\"schema\":" + new ObjectMapper().writeValueAsString(PING.toString()) + "}");
        InMemorySchemaRegistryClient writerSide = new InMemorySchemaRegistryClient();
        writerSide.registerWithId("pings-value", PING, 42);
        byte[] bytes = new AvroSerializer<GenericRecord>(writerSide, SerdeConfig.defaults(), false)
                .serialize("pings", aPing(PING));
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", server.url()), false);

        deserializer.deserialize("pings", bytes);
        GenericRecord read = deserializer.deserialize("pings", bytes);

        assertThat(read).isEqualTo(aPing(PING));
        assertThat(server.requestCount()).isEqualTo(1);
        deserializer.close();
    }

    @Test
    void shouldShareCachedIdsBetweenSerializersUsingOneCachingClient() {
        server.on("POST", "/subjects/pings-value/versions", 200, "{\"id\":42}");
        CachingSchemaRegistryClient shared =
                new CachingSchemaRegistryClient(new RestSchemaRegistryClient(server.url()));

        new AvroSerializer<GenericRecord>(shared, SerdeConfig.defaults(), false).serialize("pings", aPing(PING));
        new AvroSerializer<GenericRecord>(shared, SerdeConfig.defaults(), false).serialize("pings", aPing(PING));

        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void shouldLearnIdToSchemaFromRegistration() {
        CachingSchemaRegistryClient caching = new CachingSchemaRegistryClient(registry);

        int id = caching.register("pings-value", PING);

        assertThat(caching.schemaById(id)).isEqualTo(PING);
        assertThat(registry.calls("schemaById")).isZero();
    }

    @Test
    void shouldAnswerRegistrationFromAnEarlierLookupAndViceVersa() {
        registry.register("pings-value", PING);
        CachingSchemaRegistryClient caching = new CachingSchemaRegistryClient(registry);

        int looked = caching.idOf("pings-value", PING);
        int registered = caching.register("pings-value", PING);
        int lookedAgain = caching.idOf("pings-value", PING);

        assertThat(registered).isEqualTo(looked).isEqualTo(lookedAgain);
        assertThat(registry.calls("idOf")).isEqualTo(1);
        assertThat(registry.calls("register")).isEqualTo(1);
    }

    @Test
    void shouldNotCacheFailures() {
        CachingSchemaRegistryClient caching = new CachingSchemaRegistryClient(registry);
        assertThatThrownBy(() -> caching.idOf("pings-value", PING)).isInstanceOf(SchemaRegistryException.class);

        registry.register("pings-value", PING);

        assertThat(caching.idOf("pings-value", PING)).isPositive();
    }

    @Test
    void shouldCacheLatestVersionUntilItsTtlExpires() {
        registry.register("pings-value", PING);
        AtomicLong now = new AtomicLong();
        CachingSchemaRegistryClient caching =
                new CachingSchemaRegistryClient(registry, 100, Optional.of(Duration.ofSeconds(30)), now::get);

        caching.latest("pings-value");
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        caching.latest("pings-value");
        assertThat(registry.calls("latest")).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        caching.latest("pings-value");
        assertThat(registry.calls("latest")).isEqualTo(2);
    }

    @Test
    void shouldRecheckLatestVersionForEveryRecordWhenTtlIsZero() {
        registry.register("pings-value", PING);
        SerdeConfig config = SerdeConfig.builder()
                .autoRegisterSchemas(false)
                .useLatestVersion(true)
                .latestCacheTtl(Duration.ZERO)
                .build();
        AvroSerializer<GenericRecord> serializer =
                new AvroSerializer<>(CachingSchemaRegistryClient.forConfig(registry, config), config, false);

        serializer.serialize("pings", aPing(PING));
        serializer.serialize("pings", aPing(PING));

        assertThat(registry.calls("latest")).isEqualTo(2);
    }

    @Test
    void shouldKeepLatestVersionForeverByDefault() {
        registry.register("pings-value", PING);
        SerdeConfig config = SerdeConfig.builder()
                .autoRegisterSchemas(false)
                .useLatestVersion(true)
                .build();
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, config, false);

        serializer.serialize("pings", aPing(PING));
        serializer.serialize("pings", aPing(PING));

        assertThat(registry.calls("latest")).isEqualTo(1);
    }

    @Test
    void shouldNeverCacheSubjectsOrCompatibility() {
        CachingSchemaRegistryClient caching = new CachingSchemaRegistryClient(registry);

        caching.subjects();
        caching.subjects();
        caching.isCompatible("pings-value", PING);
        caching.isCompatible("pings-value", PING);

        assertThat(registry.calls("subjects")).isEqualTo(2);
        assertThat(registry.calls("isCompatible")).isEqualTo(2);
    }

    @Test
    void shouldStayWithinCapacityAndRefetchEvictedEntries() {
        CachingSchemaRegistryClient caching = new CachingSchemaRegistryClient(registry, 2, Optional.empty());
        for (int i = 0; i < 5; i++) {
            caching.register("subject-" + i, SharingEvent.getClassSchema());
        }

        for (int i = 0; i < 5; i++) {
            caching.register("subject-" + i, SharingEvent.getClassSchema());
        }

        // At most two of the five survived, so at least three had to be asked for again.
        assertThat(registry.calls("register")).isBetween(5 + 3, 5 + 5);
    }

    @Test
    void shouldCloseTheDelegate() {
        new CachingSchemaRegistryClient(registry).close();

        assertThat(registry.calls("close")).isEqualTo(1);
    }

    @Test
    void shouldNotCloseAClientItWasGiven() {
        AvroSerializer<SharingEvent> serializer = new AvroSerializer<>(registry, SerdeConfig.defaults(), false);
        serializer.serialize("t", aSharingEvent().build());

        serializer.close();

        assertThat(registry.calls("close")).isZero();
    }

    @Test
    void shouldBoundTheUnderlyingMap() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(3);
        for (int i = 0; i < 100; i++) {
            cache.put(i, "v" + i);
        }
        cache.put(99, "again");

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(99)).isEqualTo("again");
    }

    private static GenericRecord aPing(Schema schema) {
        GenericRecord ping = new GenericData.Record(schema);
        ping.put("id", 1L);
        ping.put("label", "cached");
        ping.put("ok", true);
        ping.put("note", null);
        return ping;
    }
}

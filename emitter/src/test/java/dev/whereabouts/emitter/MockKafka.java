package dev.whereabouts.emitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.identity.PseudonymisationKey;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.InMemorySchemaRegistryClient;
import dev.whereabouts.model.serde.RegisteredSchema;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryConnectionException;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Test fixture: Kafka's {@code MockProducer} with the real serializers of {@link TopicSerdes} over
 * an in-memory registry that can be switched off, every value's bytes captured, and an emitter
 * builder pointed at it with a fixed clock, a test key and a recording failure callback.
 */
final class MockKafka {

    static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");
    static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser(PseudonymisationKeys.of(new PseudonymisationKey(
            "test-key-1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))));

    final SwitchableRegistry registry = new SwitchableRegistry();
    final TopicSerdes serdes = new TopicSerdes(registry, SerdeConfig.defaults());
    final List<byte[]> valueBytes = new CopyOnWriteArrayList<>();
    final MockProducer<String, SharingEvent> producer;
    final List<FailedEvent> failures = new CopyOnWriteArrayList<>();

    MockKafka(boolean autoComplete) {
        Serializer<SharingEvent> real = serdes.valueSerde(Topics.SHARING_EVENTS).serializer();
        Serializer<SharingEvent> capturing = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, SharingEvent data) {
                byte[] bytes = real.serialize(topic, data);
                valueBytes.add(bytes);
                return bytes;
            }

            @Override
            public byte[] serialize(String topic, Headers headers, SharingEvent data) {
                return serialize(topic, data);
            }
        };
        this.producer = new MockProducer<>(
                autoComplete, null, serdes.keySerde(Topics.SHARING_EVENTS).serializer(), capturing);
    }

    /** An emitter on the mock producer with defaults a test can override. */
    EmitterBuilder emitter() {
        return WhereaboutsEmitter.builder()
                .sourceSystem("smarttrackers-app")
                .pseudonymiser(PSEUDONYMISER)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .onFailure(failures::add)
                // Tests that leave events unacknowledged should not wait the default 30 s on close.
                .set(EmitterConfig.CLOSE_TIMEOUT_MS, 500)
                .producer(producer);
    }

    /** What the consumer side would read from the captured bytes. */
    SharingEvent decode(byte[] bytes) {
        return serdes.valueSerde(Topics.SHARING_EVENTS).deserializer().deserialize(Topics.SHARING_EVENTS.name(), bytes);
    }

    List<SharingEvent> sentEvents() {
        List<SharingEvent> events = new ArrayList<>();
        producer.history().forEach(r -> events.add(r.value()));
        return events;
    }

    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    void awaitSent(int count) {
        eventually(
                count + " record(s) handed to the producer",
                () -> producer.history().size() >= count);
    }

    static void assertNoneContains(List<byte[]> payloads, String... fragments) {
        for (byte[] payload : payloads) {
            String asText = new String(payload, StandardCharsets.ISO_8859_1);
            for (String fragment : fragments) {
                assertThat(asText).as("payload bytes").doesNotContainIgnoringCase(fragment);
                assertThat(indexOf(payload, fragment.getBytes(StandardCharsets.UTF_8)))
                        .as("raw bytes of " + fragment)
                        .isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The in-memory registry, with a switch that makes it unreachable like a registry outage. */
    static final class SwitchableRegistry implements SchemaRegistryClient {
        private final InMemorySchemaRegistryClient delegate = new InMemorySchemaRegistryClient();
        private volatile boolean down;
        private volatile RuntimeException refusal;
        private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        void down(boolean down) {
            this.down = down;
        }

        void refuseWith(RuntimeException refusal) {
            this.refusal = refusal;
        }

        int calls() {
            return calls.size();
        }

        private void call(String method) {
            calls.add(method);
            if (down) {
                throw new SchemaRegistryConnectionException(
                        "Cannot reach Schema Registry at http://127.0.0.1:1 for " + method
                                + ": ConnectException (Connection refused)",
                        List.of("http://127.0.0.1:1"),
                        new java.net.ConnectException("Connection refused"));
            }
            if (refusal != null) {
                throw refusal;
            }
        }

        @Override
        public int register(String subject, Schema schema) {
            call("register");
            return delegate.register(subject, schema);
        }

        @Override
        public int idOf(String subject, Schema schema) {
            call("idOf");
            return delegate.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            call("schemaById");
            return delegate.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            call("latest");
            return delegate.latest(subject);
        }

        @Override
        public List<String> subjects() {
            call("subjects");
            return delegate.subjects();
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            call("isCompatible");
            return delegate.isCompatible(subject, schema);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    static String[] rawValuesOfAlice() {
        return Arrays.asList("alice", "example.com", "+31612345678", "612345678", "1234 5678", "ACC-778899")
                .toArray(new String[0]);
    }
}

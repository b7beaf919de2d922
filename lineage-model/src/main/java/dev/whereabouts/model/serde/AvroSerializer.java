package dev.whereabouts.model.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka {@link Serializer} writing Avro values in the Confluent wire format, byte for byte what
 * Confluent's {@code KafkaAvroSerializer} writes.
 *
 * <p>Accepts {@code SpecificRecord}, {@code GenericRecord} and any other {@code
 * GenericContainer}, and the primitives Confluent accepts: {@code Boolean, Integer, Long, Float,
 * Double, CharSequence, byte[], ByteBuffer} (schemas {@code boolean, int, long, float, double,
 * string, bytes}). {@code null} becomes a {@code null} message (a tombstone) without touching the
 * registry. Byte arrays are written raw after the header, without Avro's length prefix, because
 * Confluent does so.
 *
 * <p>The schema id comes from the subject the configured {@link SubjectNameStrategy} names: by
 * registering ({@code auto.register.schemas=true}, the default), by the subject's latest version
 * ({@code use.latest.version=true}), or by looking the schema up. The id is cached per topic and
 * schema, so after the first record of each schema no registry call is made.
 *
 * <p>Two ways to build one: by class name in producer properties (Kafka calls the no-argument
 * constructor, then {@link #configure}), or directly with a client and a {@link SerdeConfig}.
 * Thread-safe; encoders and buffers are reused per thread.
 *
 * @param <T> the value type; {@code Object} when mixing records and primitives
 */
public class AvroSerializer<T> implements Serializer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AvroSerializer.class);
    private static final long NEVER = Long.MAX_VALUE;
    // Producers write to few topics; the bound only stops topic-per-request misuse from leaking.
    private static final int MAX_TOPICS = 10_000;

    private final ConcurrentHashMap<String, ConcurrentHashMap<Schema, Binding>> bindingsByTopic =
            new ConcurrentHashMap<>();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private SerdeConfig config;
    private boolean isKey;
    private volatile boolean configured;

    /** For Kafka to instantiate by class name; {@link #configure} must be called before use. */
    public AvroSerializer() {}

    /**
     * A ready serializer. {@link #configure} becomes a no-op, so frameworks that call it with
     * unrelated properties cannot swap the registry; {@link #close()} leaves {@code client} open,
     * as whoever created it owns it.
     *
     * @param client the registry; wrap a {@link RestSchemaRegistryClient} in a {@link
     *     CachingSchemaRegistryClient} unless it caches already
     * @param config registration mode and subject name strategies; URLs in it are ignored
     * @param isKey whether this serializes message keys (selects the key subject strategy)
     */
    public AvroSerializer(SchemaRegistryClient client, SerdeConfig config, boolean isKey) {
        init(Objects.requireNonNull(client, "client"), false, Objects.requireNonNull(config, "config"), isKey);
    }

    /**
     * Reads {@link SerdeConfig} keys from producer properties and connects to {@code
     * schema.registry.url} through a caching REST client that {@link #close()} will close.
     *
     * @throws ConfigException for invalid values or a missing {@code schema.registry.url}
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (configured) {
            LOG.debug("AvroSerializer already configured with a client; ignoring configure()");
            return;
        }
        SerdeConfig parsed = SerdeConfig.fromMap(configs);
        if (parsed.schemaRegistryUrls().isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + SerdeConfig.SCHEMA_REGISTRY_URL
                    + "\" which has no default value.");
        }
        init(CachingSchemaRegistryClient.forConfig(new RestSchemaRegistryClient(parsed), parsed), true, parsed, isKey);
    }

    private void init(SchemaRegistryClient client, boolean ownsClient, SerdeConfig config, boolean isKey) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.config = config;
        this.isKey = isKey;
        this.configured = true;
    }

    /**
     * Writes {@code data} as magic byte, schema id and Avro binary.
     *
     * @return the framed bytes, or {@code null} for {@code null}
     * @throws SchemaRegistryException when the schema cannot be registered or found, with the
     *     registry's error code
     * @throws SerializationException for unsupported types or values that do not match their
     *     schema
     */
    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!configured) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        Schema schema = AvroValues.schemaOf(data);
        Binding binding = binding(topic, schema);
        try {
            return binding.encode(data, scratch.get());
        } catch (IOException | RuntimeException e) {
            // Avro reports a value that does not fit its schema with NPEs, ClassCastExceptions and
            // AvroRuntimeExceptions; callers and Kafka's handlers should only have to catch one type.
            throw new SerializationException(
                    "Error serializing Avro message of schema "
                            + schema.getFullName()
                            + " (id "
                            + binding.id
                            + ", subject '"
                            + binding.subject
                            + "') for topic "
                            + topic
                            + ": "
                            + e,
                    e);
        }
    }

    /** Closes the registry client if this serializer created it in {@link #configure}. */
    @Override
    public void close() {
        bindingsByTopic.clear();
        scratch.remove();
        if (ownsClient && client != null) {
            client.close();
        }
    }

    private Binding binding(String topic, Schema schema) {
        String topicKey = topic == null ? "" : topic;
        ConcurrentHashMap<Schema, Binding> perTopic = bindingsByTopic.get(topicKey);
        if (perTopic == null) {
            if (bindingsByTopic.size() >= MAX_TOPICS) {
                bindingsByTopic.clear();
            }
            perTopic = bindingsByTopic.computeIfAbsent(topicKey, k -> new ConcurrentHashMap<>());
        }
        Binding binding = perTopic.get(schema);
        if (binding != null && (binding.expiresAtNanos == NEVER || System.nanoTime() - binding.expiresAtNanos < 0)) {
            return binding;
        }
        // Resolved outside any map lock: the registry call may take a while and racing threads
        // registering the same schema get the same id anyway.
        Binding fresh = resolve(topic, schema);
        if (perTopic.size() >= config.maxSchemasPerSubject()) {
            perTopic.clear();
        }
        perTopic.put(schema, fresh);
        return fresh;
    }

    private Binding resolve(String topic, Schema schema) {
        String subject = config.subjectNameStrategy(isKey).subjectName(topic, isKey, schema);
        if (config.autoRegisterSchemas()) {
            int id;
            try {
                id = client.register(subject, schema);
            } catch (SchemaRegistryException e) {
                throw e.withContext(
                        "Error registering Avro schema " + schema.getFullName() + " under subject '" + subject + "'");
            }
            LOG.debug("Topic {} {}: subject '{}' schema id {}", topic, isKey ? "key" : "value", subject, id);
            return new Binding(subject, id, schema, schema, NEVER);
        }
        if (config.useLatestVersion()) {
            RegisteredSchema latest;
            try {
                latest = client.latest(subject);
            } catch (SchemaRegistryException e) {
                throw e.withContext("Error retrieving the latest Avro schema of subject '" + subject + "'");
            }
            long expiresAt = config.latestCacheTtl()
                    .map(ttl -> System.nanoTime() + ttl.toNanos())
                    .orElse(NEVER);
            return Binding.forLatest(subject, schema, latest, expiresAt);
        }
        int id;
        try {
            id = client.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            throw e.withContext("Error retrieving the id of Avro schema " + schema.getFullName() + " under subject '"
                    + subject + "' (" + SerdeConfig.AUTO_REGISTER_SCHEMAS + "=false)");
        }
        return new Binding(subject, id, schema, schema, NEVER);
    }

    /** What the serializer knows about one schema on one topic: its id and how to write it. */
    private static final class Binding {
        final String subject;
        final int id;
        final Schema valueSchema;
        final Schema writerSchema;
        final long expiresAtNanos;
        final boolean rawBytes;
        final boolean transcode;
        private volatile DatumWriter<Object> genericWriter;
        private volatile DatumWriter<Object> specificWriter;
        private final GenericDatumReader<Object> transcodeReader;
        private final DatumWriter<Object> transcodeWriter;

        Binding(String subject, int id, Schema valueSchema, Schema writerSchema, long expiresAtNanos) {
            this(subject, id, valueSchema, writerSchema, expiresAtNanos, false);
        }

        private Binding(
                String subject,
                int id,
                Schema valueSchema,
                Schema writerSchema,
                long expiresAtNanos,
                boolean transcode) {
            this.subject = subject;
            this.id = id;
            this.valueSchema = valueSchema;
            this.writerSchema = writerSchema;
            this.expiresAtNanos = expiresAtNanos;
            this.rawBytes = valueSchema.getType() == Schema.Type.BYTES;
            this.transcode = transcode;
            this.transcodeReader =
                    transcode ? new GenericDatumReader<>(valueSchema, writerSchema, GenericData.get()) : null;
            this.transcodeWriter = transcode ? new GenericDatumWriter<>(writerSchema, GenericData.get()) : null;
        }

        /**
         * Binds a value schema to the subject's latest schema. When both encode identically (same
         * Parsing Canonical Form) values are written as they are; otherwise they are converted by
         * Avro schema resolution, so a latest schema with extra defaulted or reordered fields still
         * gets correct bytes rather than fields written in the wrong positions.
         */
        static Binding forLatest(String subject, Schema valueSchema, RegisteredSchema latest, long expiresAt) {
            Schema latestSchema = latest.schema();
            String describeLatest = "the latest schema of subject '" + subject + "' (id " + latest.id() + ", version "
                    + latest.version() + ")";
            if (SchemaNormalization.toParsingForm(valueSchema)
                    .equals(SchemaNormalization.toParsingForm(latestSchema))) {
                return new Binding(subject, latest.id(), valueSchema, latestSchema, expiresAt, false);
            }
            if (valueSchema.getType() == Schema.Type.BYTES || latestSchema.getType() == Schema.Type.BYTES) {
                throw new SerializationException(
                        "Cannot write a " + valueSchema.getType().getName() + " value with " + describeLatest
                                + ", which is " + latestSchema.getType().getName());
            }
            SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(latestSchema, valueSchema);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SerializationException("Cannot write values of schema " + valueSchema.getFullName() + " with "
                        + describeLatest + ": it cannot read them ("
                        + compatibility.getResult().getIncompatibilities() + ")");
            }
            return new Binding(subject, latest.id(), valueSchema, latestSchema, expiresAt, true);
        }

        byte[] encode(Object value, Scratch scratch) throws IOException {
            GrowableBuffer out = scratch.out;
            out.reset();
            out.writeHeader(id);
            if (rawBytes) {
                if (value instanceof byte[]) {
                    byte[] bytes = (byte[]) value;
                    out.write(bytes, 0, bytes.length);
                } else {
                    out.write((ByteBuffer) value);
                }
            } else if (!transcode) {
                BinaryEncoder encoder = scratch.encoder(out);
                writerFor(value).write(value, encoder);
                encoder.flush();
            } else {
                transcodeInto(value, scratch, out);
            }
            return out.toByteArray();
        }

        private void transcodeInto(Object value, Scratch scratch, GrowableBuffer out) throws IOException {
            GrowableBuffer own = scratch.transcodeBuffer();
            own.reset();
            BinaryEncoder ownEncoder = scratch.transcodeEncoder(own);
            writerFor(value).write(value, ownEncoder);
            ownEncoder.flush();
            PayloadDecoder decoder = scratch.transcodeDecoder();
            decoder.reset(own.array(), 0, own.size());
            Object converted;
            try {
                converted = transcodeReader.read(null, decoder);
            } finally {
                decoder.release();
            }
            BinaryEncoder encoder = scratch.encoder(out);
            transcodeWriter.write(converted, encoder);
            encoder.flush();
        }

        private DatumWriter<Object> writerFor(Object value) {
            if (value instanceof SpecificRecord) {
                DatumWriter<Object> writer = specificWriter;
                if (writer == null) {
                    // The class's own SpecificData carries its logical-type conversions (Instant, ...).
                    writer = new SpecificDatumWriter<>(valueSchema, SpecificData.getForClass(value.getClass()));
                    specificWriter = writer;
                }
                return writer;
            }
            DatumWriter<Object> writer = genericWriter;
            if (writer == null) {
                writer = new GenericDatumWriter<>(valueSchema, GenericData.get());
                genericWriter = writer;
            }
            return writer;
        }
    }

    /** Per-thread buffers and encoders, reused across records. */
    private static final class Scratch {
        final GrowableBuffer out = new GrowableBuffer();
        private BinaryEncoder encoder;
        private GrowableBuffer transcodeBuffer;
        private BinaryEncoder transcodeEncoder;
        private PayloadDecoder transcodeDecoder;

        BinaryEncoder encoder(GrowableBuffer target) {
            encoder = EncoderFactory.get().binaryEncoder(target, encoder);
            return encoder;
        }

        GrowableBuffer transcodeBuffer() {
            if (transcodeBuffer == null) {
                transcodeBuffer = new GrowableBuffer();
            }
            return transcodeBuffer;
        }

        BinaryEncoder transcodeEncoder(GrowableBuffer target) {
            transcodeEncoder = EncoderFactory.get().binaryEncoder(target, transcodeEncoder);
            return transcodeEncoder;
        }

        PayloadDecoder transcodeDecoder() {
            if (transcodeDecoder == null) {
                transcodeDecoder = new PayloadDecoder();
            }
            return transcodeDecoder;
        }
    }
}

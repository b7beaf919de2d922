package dev.whereabouts.model.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka {@link Deserializer} reading Confluent-framed Avro, as written by {@link AvroSerializer}
 * or by Confluent's {@code KafkaAvroSerializer}.
 *
 * <p>Reads the magic byte and the schema id, fetches the writer schema by id (once per id), and
 * decodes with Avro schema resolution into the reader schema:
 *
 * <ul>
 *   <li>with a specific type, that class's schema, so an old reader reads new data (unknown
 *       fields skipped, unknown enum symbols mapped to the enum's default) and a new reader reads
 *       old data (missing fields take their defaults);
 *   <li>with {@code specific.avro.reader=true} and no type, the generated class named by the
 *       writer schema;
 *   <li>otherwise the writer schema itself, giving a {@code GenericRecord}.
 * </ul>
 *
 * <p>Primitive payloads come back as Confluent returns them: {@code String} for strings, {@code
 * byte[]} for bytes (read raw, without a length prefix), boxed numbers and booleans, and {@code
 * null} for the {@code "null"} schema.
 *
 * <p>Bad input never hangs and never yields a wrong record: a foreign magic byte, a short
 * header, an unknown id, a truncated body, lengths or counts larger than the payload, and bytes
 * left over after the value all fail with a {@link SerializationException} saying which, with
 * the schema id; unknown ids surface as {@link SchemaRegistryException} with the registry's
 * {@code 40403}. Thread-safe; decoders are reused per thread and resolving readers cached per
 * writer id.
 *
 * @param <T> the value type: the specific class, {@code GenericRecord}, or {@code Object}
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AvroDeserializer.class);

    private final ConcurrentHashMap<Integer, Reading> readings = new ConcurrentHashMap<>();
    private final ThreadLocal<PayloadDecoder> decoders = ThreadLocal.withInitial(PayloadDecoder::new);

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private SerdeConfig config;
    private Class<T> specificType;
    private Schema specificSchema;
    private volatile boolean configured;

    /** For Kafka to instantiate by class name; {@link #configure} must be called before use. */
    public AvroDeserializer() {}

    /**
     * A ready deserializer. {@link #configure} becomes a no-op; {@link #close()} leaves {@code
     * client} open, as whoever created it owns it.
     *
     * @param client the registry; wrap a {@link RestSchemaRegistryClient} in a {@link
     *     CachingSchemaRegistryClient} unless it caches already
     * @param config only {@code specific.avro.reader} and cache sizes matter here
     * @param isKey whether this deserializes message keys; kept for symmetry with Kafka's API, as
     *     reading needs no subject
     * @param specificType the generated class to read into, or {@code null} (equivalently {@code
     *     GenericRecord.class}) for generic records, or for the class named by the writer schema
     *     when {@code specific.avro.reader=true}
     */
    public AvroDeserializer(SchemaRegistryClient client, SerdeConfig config, boolean isKey, Class<T> specificType) {
        init(Objects.requireNonNull(client, "client"), false, Objects.requireNonNull(config, "config"), specificType);
    }

    /**
     * Reads {@link SerdeConfig} keys from consumer properties and connects to {@code
     * schema.registry.url} through a caching REST client that {@link #close()} will close.
     *
     * @throws ConfigException for invalid values or a missing {@code schema.registry.url}
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (configured) {
            LOG.debug("AvroDeserializer already configured with a client; ignoring configure()");
            return;
        }
        SerdeConfig parsed = SerdeConfig.fromMap(configs);
        if (parsed.schemaRegistryUrls().isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + SerdeConfig.SCHEMA_REGISTRY_URL
                    + "\" which has no default value.");
        }
        init(CachingSchemaRegistryClient.forConfig(new RestSchemaRegistryClient(parsed), parsed), true, parsed, null);
    }

    private void init(SchemaRegistryClient client, boolean ownsClient, SerdeConfig config, Class<T> specificType) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.config = config;
        // GenericRecord.class (or Object.class) reads as naturally as null: both mean "generic".
        this.specificType =
                specificType != null && specificType.isAssignableFrom(GenericData.Record.class) ? null : specificType;
        if (this.specificType != null) {
            try {
                this.specificSchema = SpecificData.getForClass(specificType).getSchema(specificType);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(specificType.getName() + " is not an Avro generated class", e);
            }
        }
        this.configured = true;
    }

    /**
     * Reads one framed message.
     *
     * @return the value, or {@code null} for a {@code null} payload (a tombstone)
     * @throws SerializationException with a message naming the byte, id or offset at fault
     */
    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (!configured) {
            throw new IllegalStateException("AvroDeserializer used before configure()");
        }
        int id = WireFormat.readSchemaId(data);
        Reading reading = readings.get(id);
        if (reading == null) {
            reading = prepare(id);
        }
        return (T) reading.read(data, decoders.get());
    }

    /** Closes the registry client if this deserializer created it in {@link #configure}. */
    @Override
    public void close() {
        readings.clear();
        decoders.remove();
        if (ownsClient && client != null) {
            client.close();
        }
    }

    private Reading prepare(int id) {
        Schema writer;
        try {
            writer = client.schemaById(id);
        } catch (SchemaRegistryException e) {
            throw e.withContext("Error retrieving Avro schema for id " + id);
        }
        Reading reading = new Reading(id, writer, readerFor(id, writer));
        if (readings.size() >= config.maxSchemasPerSubject()) {
            readings.clear();
        }
        Reading raced = readings.putIfAbsent(id, reading);
        return raced != null ? raced : reading;
    }

    private DatumReader<Object> readerFor(int id, Schema writer) {
        if (specificType != null) {
            return new SpecificDatumReader<>(writer, specificSchema, SpecificData.getForClass(specificType));
        }
        if (config.specificAvroReader() && isNamed(writer)) {
            SpecificData model = SpecificData.get();
            Class<?> generated = model.getClass(writer);
            if (generated == null
                    || (writer.getType() == Schema.Type.RECORD && !SpecificRecord.class.isAssignableFrom(generated))) {
                throw new SerializationException(
                        "Could not find generated class " + writer.getFullName() + " named by the writer schema of id "
                                + id + "; " + SerdeConfig.SPECIFIC_AVRO_READER + "=true needs it on the classpath");
            }
            SpecificData classModel = SpecificData.getForClass(generated);
            return new SpecificDatumReader<>(writer, classModel.getSchema(generated), classModel);
        }
        if (config.specificAvroReader()) {
            return new SpecificDatumReader<>(writer, writer, SpecificData.get());
        }
        return new GenericDatumReader<>(writer, writer, GenericData.get());
    }

    private static boolean isNamed(Schema schema) {
        return schema.getType() == Schema.Type.RECORD
                || schema.getType() == Schema.Type.ENUM
                || schema.getType() == Schema.Type.FIXED;
    }

    /** How messages with one writer schema id are read. */
    private static final class Reading {
        final int id;
        final Schema writer;
        final DatumReader<Object> reader;
        final boolean rawBytes;
        final boolean stringResult;

        Reading(int id, Schema writer, DatumReader<Object> reader) {
            this.id = id;
            this.writer = writer;
            this.reader = reader;
            this.rawBytes = writer.getType() == Schema.Type.BYTES;
            this.stringResult = writer.getType() == Schema.Type.STRING;
        }

        Object read(byte[] data, PayloadDecoder decoder) {
            if (rawBytes) {
                return Arrays.copyOfRange(data, WireFormat.HEADER_SIZE, data.length);
            }
            int bodyLength = data.length - WireFormat.HEADER_SIZE;
            decoder.reset(data, WireFormat.HEADER_SIZE, bodyLength);
            try {
                Object value = reader.read(null, decoder);
                if (!decoder.isEnd()) {
                    throw new SerializationException("Message with schema id " + id + " has " + decoder.remaining()
                            + " unread byte(s) after its "
                            + decoder.consumed() + "-byte Avro body (" + bodyLength
                            + " bytes after the header): the payload is"
                            + " corrupt or was not written with that schema");
                }
                // Confluent hands back java.lang.String, not Avro's Utf8, for string payloads.
                return stringResult && value != null ? value.toString() : value;
            } catch (EOFException e) {
                throw new SerializationException(
                        "Truncated Avro body for schema id " + id + " (" + describe(writer) + "): " + e.getMessage(),
                        e);
            } catch (IOException | RuntimeException e) {
                if (e instanceof SerializationException) {
                    throw (SerializationException) e;
                }
                throw new SerializationException(
                        "Error deserializing Avro message for schema id " + id + " (" + describe(writer) + "): "
                                + e.getMessage(),
                        e);
            } finally {
                decoder.release();
            }
        }

        private static String describe(Schema schema) {
            return "writer schema " + schema.getFullName();
        }
    }
}

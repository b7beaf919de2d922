package dev.whereabouts.streams.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the topology's own records (state stores, their changelogs and the routing topic).
 * These never leave the application, so they use Avro single-object encoding (a 10-byte header
 * with the schema fingerprint, then Avro binary) instead of the registry: no registry call on the
 * hot path, and a record written by an incompatible build fails loudly on its fingerprint instead
 * of decoding into nonsense.
 *
 * @param <T> a generated Avro record class
 */
public final class StateSerde<T> implements Serde<T> {

    /** Encodes a record; the generated {@code toByteBuffer()}. */
    @FunctionalInterface
    public interface Encoder<T> {
        ByteBuffer encode(T value) throws IOException;
    }

    /** Decodes a record; the generated static {@code fromByteBuffer(ByteBuffer)}. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(ByteBuffer bytes) throws IOException;
    }

    private final Encoder<T> encoder;
    private final Decoder<T> decoder;

    private StateSerde(Encoder<T> encoder, Decoder<T> decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    public static <T> StateSerde<T> of(Encoder<T> encoder, Decoder<T> decoder) {
        return new StateSerde<>(encoder, decoder);
    }

    public static final StateSerde<Route> ROUTE =
            of(Route::toByteBuffer, Route.createDecoder(StateSchemaHistory.store())::decode);
    public static final StateSerde<SubjectMeta> SUBJECT_META =
            of(SubjectMeta::toByteBuffer, SubjectMeta::fromByteBuffer);
    public static final StateSerde<HolderEdges> HOLDER_EDGES =
            of(HolderEdges::toByteBuffer, HolderEdges::fromByteBuffer);
    public static final StateSerde<IdentityEntry> IDENTITY =
            of(IdentityEntry::toByteBuffer, IdentityEntry::fromByteBuffer);
    public static final StateSerde<RequestRecord> REQUEST =
            of(RequestRecord::toByteBuffer, RequestRecord.createDecoder(StateSchemaHistory.store())::decode);

    /** Bytes of a value, for payload fields. */
    public byte[] toBytes(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Value of bytes written by {@link #toBytes}. */
    public T fromBytes(ByteBuffer bytes) {
        try {
            return decoder.decode(bytes.duplicate());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode topology state record: " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(ByteBuffer.wrap(bytes));
    }
}

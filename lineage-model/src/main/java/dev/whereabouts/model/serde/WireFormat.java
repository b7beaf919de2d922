package dev.whereabouts.model.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent framing every message carries before its Avro body.
 *
 * <pre>
 * byte 0      magic byte, always 0x00
 * bytes 1..4  schema id, big-endian signed 32-bit int (network byte order)
 * bytes 5..   Avro binary encoding of the value under that schema
 * </pre>
 *
 * <p>The one exception, kept for compatibility: a value whose schema is {@code "bytes"} is
 * written as the raw bytes after the header, without Avro's length prefix, because that is what
 * Confluent's serializer writes and its deserializer expects.
 */
public final class WireFormat {

    /** First byte of every framed message; anything else is not ours to read. */
    public static final byte MAGIC_BYTE = 0;

    /** Magic byte plus the 4-byte schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** A new 5-byte header for {@code schemaId}. */
    public static byte[] header(int schemaId) {
        byte[] header = new byte[HEADER_SIZE];
        writeHeader(header, 0, schemaId);
        return header;
    }

    /** Writes the 5-byte header for {@code schemaId} into {@code target} at {@code offset}. */
    public static void writeHeader(byte[] target, int offset, int schemaId) {
        target[offset] = MAGIC_BYTE;
        target[offset + 1] = (byte) (schemaId >>> 24);
        target[offset + 2] = (byte) (schemaId >>> 16);
        target[offset + 3] = (byte) (schemaId >>> 8);
        target[offset + 4] = (byte) schemaId;
    }

    /**
     * Validates the header of {@code payload} and returns its schema id.
     *
     * @throws SerializationException with a message saying exactly what is wrong: no bytes, a
     *     foreign first byte (shown in hex, the usual sign of JSON or another format on the topic),
     *     or fewer than {@value #HEADER_SIZE} bytes
     */
    public static int readSchemaId(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new SerializationException(
                    "Cannot deserialize an empty payload: a Confluent-framed Avro message has at least "
                            + HEADER_SIZE
                            + " bytes (magic byte 0x00 and a 4-byte schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02X at offset 0 (expected 0x00): the %d-byte payload was not"
                            + " written by a Confluent-compatible Avro serializer",
                    payload[0] & 0xFF, payload.length));
        }
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Truncated header: payload has "
                    + payload.length
                    + " byte(s) but a Confluent-framed Avro message needs at least "
                    + HEADER_SIZE
                    + " (magic byte 0x00 and a 4-byte schema id)");
        }
        return ((payload[1] & 0xFF) << 24)
                | ((payload[2] & 0xFF) << 16)
                | ((payload[3] & 0xFF) << 8)
                | (payload[4] & 0xFF);
    }
}

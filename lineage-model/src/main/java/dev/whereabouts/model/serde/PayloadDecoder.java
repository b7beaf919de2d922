package dev.whereabouts.model.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary {@link Decoder} over one message body that refuses to read past it.
 *
 * <p>Avro's own {@code BinaryDecoder} trusts the lengths it reads: a corrupt varint can announce
 * a two-gigabyte string or an array of a billion items, and it allocates before it notices the
 * payload is ten bytes long, so a single poison message can exhaust the heap or spin for
 * minutes. Here every length and item count is checked against the bytes that are actually
 * left, so garbage fails fast with a message saying what was announced and what remained.
 *
 * <p>The only legitimate data this could reject: more than {@value #ZERO_WIDTH_ITEM_ALLOWANCE}
 * array items in total that encode to zero bytes (arrays of {@code null} or of empty records);
 * every other item costs at least one byte, so its count is bounded by the payload length.
 *
 * <p>Not thread-safe; the deserializer keeps one per thread and resets it per message.
 */
final class PayloadDecoder extends Decoder {

    static final int ZERO_WIDTH_ITEM_ALLOWANCE = 1 << 20;

    private byte[] buf;
    private int pos;
    private int limit;
    private int start;
    private long itemBudget;

    /** Points the decoder at {@code length} bytes of {@code bytes} from {@code offset}. */
    void reset(byte[] bytes, int offset, int length) {
        this.buf = bytes;
        this.pos = offset;
        this.start = offset;
        this.limit = offset + length;
        this.itemBudget = (long) length + ZERO_WIDTH_ITEM_ALLOWANCE;
    }

    /** Drops the reference to the last payload so an idle thread does not pin it in memory. */
    void release() {
        this.buf = null;
    }

    boolean isEnd() {
        return pos == limit;
    }

    int remaining() {
        return limit - pos;
    }

    int consumed() {
        return pos - start;
    }

    @Override
    public void readNull() {}

    @Override
    public boolean readBoolean() throws IOException {
        require(1, "a boolean");
        int b = buf[pos++];
        if (b != 0 && b != 1) {
            throw malformed(String.format("boolean byte 0x%02X (only 0x00 and 0x01 are valid)", b & 0xFF), pos - 1);
        }
        return b == 1;
    }

    @Override
    public int readInt() throws IOException {
        int at = pos;
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= limit) {
                throw truncated("an int", at);
            }
            int b = buf[pos++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw malformed("int varint longer than 5 bytes", at);
    }

    @Override
    public long readLong() throws IOException {
        int at = pos;
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= limit) {
                throw truncated("a long", at);
            }
            long b = buf[pos++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw malformed("long varint longer than 10 bytes", at);
    }

    @Override
    public float readFloat() throws IOException {
        require(4, "a float");
        int bits = (buf[pos] & 0xFF)
                | (buf[pos + 1] & 0xFF) << 8
                | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    @Override
    public double readDouble() throws IOException {
        require(8, "a double");
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = (bits << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = readLength("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = readLength("string");
        String result = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        int length = readLength("string");
        pos += length;
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = readLength("bytes");
        ByteBuffer result;
        if (old != null && old.capacity() >= length && !old.isReadOnly()) {
            result = old;
            result.clear();
        } else {
            result = ByteBuffer.allocate(length);
        }
        result.put(buf, pos, length);
        result.flip();
        pos += length;
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        int length = readLength("bytes");
        pos += length;
    }

    @Override
    public void readFixed(byte[] bytes, int offset, int length) throws IOException {
        require(length, "a fixed of " + length + " bytes");
        System.arraycopy(buf, pos, bytes, offset, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "a fixed of " + length + " bytes");
        pos += length;
    }

    @Override
    public int readEnum() throws IOException {
        int at = pos;
        int index = readInt();
        if (index < 0) {
            throw malformed("negative enum index " + index, at);
        }
        return index;
    }

    @Override
    public long readArrayStart() throws IOException {
        return readBlockCount("array");
    }

    @Override
    public long arrayNext() throws IOException {
        return readBlockCount("array");
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks("array");
    }

    @Override
    public long readMapStart() throws IOException {
        return readBlockCount("map");
    }

    @Override
    public long mapNext() throws IOException {
        return readBlockCount("map");
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks("map");
    }

    @Override
    public int readIndex() throws IOException {
        int at = pos;
        int index = readInt();
        if (index < 0) {
            throw malformed("negative union branch index " + index, at);
        }
        return index;
    }

    private long readBlockCount(String what) throws IOException {
        int at = pos;
        long count = readLong();
        if (count < 0) {
            // A negative count announces a block whose byte size follows; the items are read normally.
            long size = readLong();
            if (size < 0 || size > remaining()) {
                throw malformed(what + " block of " + size + " bytes but " + remaining() + " remain", at);
            }
            count = -count;
            if (count < 0) {
                throw malformed(what + " block count overflows", at);
            }
        }
        spendItems(count, what, at);
        return count;
    }

    private long skipBlocks(String what) throws IOException {
        while (true) {
            int at = pos;
            long count = readLong();
            if (count >= 0) {
                spendItems(count, what, at);
                return count;
            }
            long size = readLong();
            if (size < 0 || size > remaining()) {
                throw malformed(what + " block of " + size + " bytes but " + remaining() + " remain", at);
            }
            pos += (int) size;
        }
    }

    private void spendItems(long count, String what, int at) throws IOException {
        if (count > itemBudget) {
            throw malformed(
                    what + " block announces " + count + " items but only " + remaining() + " bytes remain", at);
        }
        itemBudget -= count;
    }

    private int readLength(String what) throws IOException {
        int at = pos;
        long length = readLong();
        if (length < 0) {
            throw malformed(what + " with negative length " + length, at);
        }
        if (length > remaining()) {
            throw new EOFException(what + " of " + length + " bytes announced at body offset " + (at - start)
                    + " but only " + remaining() + " bytes remain");
        }
        return (int) length;
    }

    private void require(int n, String what) throws EOFException {
        if (n > limit - pos) {
            throw truncated(what, pos);
        }
    }

    private EOFException truncated(String what, int at) {
        return new EOFException("body ends while reading " + what + " at body offset " + (at - start) + " (body is "
                + (limit - start) + " bytes)");
    }

    private IOException malformed(String problem, int at) {
        return new IOException("malformed Avro data at body offset " + (at - start) + ": " + problem);
    }
}

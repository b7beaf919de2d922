package dev.whereabouts.model.serde;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A reusable, unsynchronized byte sink for one thread's serializations.
 *
 * <p>{@link java.io.ByteArrayOutputStream} would take a lock on every write and is thrown away
 * per record; this one lives in a thread-local and is reset, so steady state allocates only the
 * returned array. A buffer that grew for one huge record is dropped afterwards rather than kept
 * for the thread's lifetime.
 */
final class GrowableBuffer extends OutputStream {

    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_RETAINED_CAPACITY = 1 << 20;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int count;

    void reset() {
        if (buf.length > MAX_RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
        count = 0;
    }

    void writeHeader(int schemaId) {
        ensureCapacity(count + WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(buf, count, schemaId);
        count += WireFormat.HEADER_SIZE;
    }

    @Override
    public void write(int b) {
        ensureCapacity(count + 1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(count + length);
        System.arraycopy(bytes, offset, buf, count, length);
        count += length;
    }

    /** Appends the remaining bytes of {@code buffer} without moving its position. */
    void write(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        int length = view.remaining();
        ensureCapacity(count + length);
        view.get(buf, count, length);
        count += length;
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return count;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    private void ensureCapacity(int needed) {
        if (needed < 0) {
            throw new OutOfMemoryError("serialized message exceeds 2 GiB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length << 1 < 0 ? Integer.MAX_VALUE - 8 : buf.length << 1));
        }
    }
}

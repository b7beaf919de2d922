package dev.whereabouts.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body before any resource runs, without holding a thread while bytes are missing:
 * it reads what has arrived and asks Jetty to call back when more does. A client that trickles its
 * body therefore costs a connection (bounded by {@link Limits#maxConnections()}) but never a request
 * thread, and the whole body must arrive within {@link Limits#requestReadTimeout()}.
 *
 * <p>At most {@code retainLimit} bytes are kept. Beyond that the body is still read and dropped, up to
 * {@link #MAX_DRAIN_BYTES}, so a client that is still sending sees our 413 rather than a reset
 * connection.
 */
final class BodyReader implements Runnable {

    /** Beyond this, a refused body is not drained: the connection is closed instead. */
    static final long MAX_DRAIN_BYTES = 32L * 1024 * 1024;

    /** What arrived: the first {@code retainLimit} bytes and how long the body really was. */
    record Body(byte[] bytes, long length, int retainLimit) {}

    /** Where the outcome goes; exactly one method is called, once. */
    interface Outcome {
        void body(Body body);

        /** The body did not arrive in time, or the connection went idle while it was arriving. */
        void timedOut();

        /** The client went away (or the connection broke) before the body was complete. */
        void clientGone(Throwable cause);
    }

    private final org.eclipse.jetty.server.Request request;
    private final int retainLimit;
    private final Outcome outcome;
    private final ByteArrayOutputStream retained;
    private final AtomicBoolean finished = new AtomicBoolean();
    private long length;
    private Scheduler.Task deadline;

    private BodyReader(org.eclipse.jetty.server.Request request, int retainLimit, Outcome outcome) {
        this.request = request;
        this.retainLimit = retainLimit;
        this.outcome = outcome;
        long declared = request.getLength();
        this.retained = new ByteArrayOutputStream(declared >= 0 && declared <= retainLimit ? (int) declared : 8192);
    }

    /** Starts reading; {@code outcome} may be called on this thread (the body was already there) or later. */
    static void read(org.eclipse.jetty.server.Request request, int retainLimit, long timeoutMillis, Outcome outcome) {
        BodyReader reader = new BodyReader(request, retainLimit, outcome);
        reader.deadline =
                request.getComponents().getScheduler().schedule(reader::expire, timeoutMillis, TimeUnit.MILLISECONDS);
        reader.run();
    }

    /** Reads everything that has arrived, then waits for more (Jetty calls this again). */
    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                if (failure instanceof TimeoutException) {
                    expire();
                } else if (finish()) {
                    outcome.clientGone(failure);
                }
                return;
            }
            boolean last = chunk.isLast();
            ByteBuffer buffer = chunk.getByteBuffer();
            int size = buffer.remaining();
            // Once over the limit the body is refused whole; what follows is only drained.
            if (length + size <= retainLimit) {
                if (buffer.hasArray()) {
                    retained.write(buffer.array(), buffer.arrayOffset() + buffer.position(), size);
                } else {
                    byte[] copy = new byte[size];
                    buffer.get(copy);
                    retained.writeBytes(copy);
                }
            }
            length += size;
            chunk.release();
            if (last || length > MAX_DRAIN_BYTES) {
                if (finish()) {
                    outcome.body(new Body(retained.toByteArray(), length, retainLimit));
                }
                return;
            }
        }
    }

    private void expire() {
        if (finish()) {
            outcome.timedOut();
        }
    }

    private boolean finish() {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        if (deadline != null) {
            deadline.cancel();
        }
        return true;
    }
}

package dev.whereabouts.streams.it;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/** The system clock moved ahead on demand: what Kafka Streams sees weeks later, on the real broker. */
final class ShiftedTime implements Time {

    private final AtomicLong shiftMillis = new AtomicLong();

    void advance(Duration by) {
        shiftMillis.addAndGet(by.toMillis());
    }

    @Override
    public long milliseconds() {
        return System.currentTimeMillis() + shiftMillis.get();
    }

    @Override
    public long nanoseconds() {
        return System.nanoTime() + shiftMillis.get() * 1_000_000L;
    }

    @Override
    public void sleep(long ms) {
        Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        synchronized (obj) {
            while (!condition.get()) {
                long remaining = deadlineMs - milliseconds();
                if (remaining <= 0) {
                    throw new org.apache.kafka.common.errors.TimeoutException("condition not met within the deadline");
                }
                obj.wait(Math.min(remaining, 100));
            }
        }
    }
}

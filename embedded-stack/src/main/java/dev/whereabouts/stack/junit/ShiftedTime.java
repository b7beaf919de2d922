package dev.whereabouts.stack.junit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Time;

/**
 * The system clock moved ahead on demand, for tests of what Kafka Streams does weeks later on the
 * real broker (a topology's wall-clock punctuation: overdue flags, reminders, expiry). What the
 * topology writes at such a punctuation carries the moved time, which brokers refuse more than an
 * hour ahead of their own clock; {@link #acceptTimestampsAhead} lifts that for the test.
 */
public final class ShiftedTime implements Time {

    private final AtomicLong shiftMillis = new AtomicLong();

    public void advance(Duration by) {
        shiftMillis.addAndGet(by.toMillis());
    }

    /**
     * Makes the brokers accept record timestamps however far ahead ({@code true}), or restores
     * their default ({@code false}): the cluster-wide dynamic {@code log.message.timestamp.after.max.ms}.
     */
    public static void acceptTimestampsAhead(Admin admin, boolean accept) throws Exception {
        ConfigResource cluster = new ConfigResource(ConfigResource.Type.BROKER, "");
        AlterConfigOp op = new AlterConfigOp(
                new ConfigEntry("log.message.timestamp.after.max.ms", accept ? String.valueOf(Long.MAX_VALUE) : null),
                accept ? AlterConfigOp.OpType.SET : AlterConfigOp.OpType.DELETE);
        admin.incrementalAlterConfigs(Map.of(cluster, List.of(op))).all().get();
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

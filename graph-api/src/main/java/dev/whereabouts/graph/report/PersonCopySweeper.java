package dev.whereabouts.graph.report;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired person's copies every {@link #EVERY}, so that no package outlives its link by more
 * than that even when nobody opens it again. Started with the DPO API and closed with it (one daemon
 * thread; a failed sweep is logged and the next one tries again).
 */
public final class PersonCopySweeper implements AutoCloseable {

    /** How often expired copies are swept. */
    public static final Duration EVERY = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(PersonCopySweeper.class);

    private final ScheduledExecutorService scheduler;

    private PersonCopySweeper(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Sweeps now and then every {@code every}. */
    public static PersonCopySweeper start(PersonCopies copies, Duration every) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "person-copy-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        int deleted = copies.deleteExpired();
                        if (deleted > 0) {
                            LOG.info("deleted {} expired person's copies", deleted);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("sweeping expired person's copies failed; trying again in {}", every, e);
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return new PersonCopySweeper(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the person's copy sweeper did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

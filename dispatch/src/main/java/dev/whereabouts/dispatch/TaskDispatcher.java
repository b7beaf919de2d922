package dev.whereabouts.dispatch;

import dev.whereabouts.catalog.CatalogHolder;
import dev.whereabouts.catalog.CatalogView;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the tasks on {@link Topics#DSR_TASKS} to the holders whose channel the platform serves
 * itself: WEBHOOK ({@link WebhookChannel}) and EMAIL ({@link EmailChannel}). KAFKA holders consume
 * the topic themselves and MANUAL holders are recorded by the DPO, so their tasks need nothing here.
 * The channel is looked up in the live catalog at each try, so a corrected endpoint counts at once.
 *
 * <p><b>At least once.</b> The offset of a partition is committed only up to its oldest task that is
 * neither delivered nor given up, so after a crash every such task is delivered again (holders dedupe
 * on the task id and the reminder number, docs/channels.md). A task is given up after the last try of
 * {@link DeliveryBackoff}, or at once when another try cannot help (a 4xx answer, a WEBHOOK holder
 * without a secret): {@link FailedDeliveries} then writes its dead letter and FAILED outcome, and
 * only once Kafka has both is its offset free to commit.
 *
 * <p><b>One holder never holds back another.</b> Each holder has its own queue, delivered in order,
 * one task at a time; a holder that fails waits out its backoff while the others go on. One thread
 * owns the consumer and every piece of state; deliveries run on a worker pool and report back through
 * an event queue the consumer thread drains between polls. When more than {@code maxPending} tasks are
 * open (a holder is down and its queue grows) the dispatcher stops reading until half are done.
 */
public final class TaskDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskDispatcher.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);
    /** When Kafka does not take a failed delivery's records, try again after this long. */
    private static final Duration GIVE_UP_RETRY = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<HolderTask> tasks;
    private final CatalogView catalog;
    private final DeliveryKeys keys;
    private final WebhookChannel webhooks;
    private final EmailChannel email;
    private final FailedDeliveries failures;
    private final DeliveryBackoff backoff;
    private final int maxPending;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    // Owned by the consumer thread.
    private final Map<TopicPartition, Progress> partitions = new HashMap<>();
    private final Map<String, ArrayDeque<Pending>> queues = new HashMap<>();
    private final Set<String> busy = new HashSet<>();
    private int open;
    private long lastCommit;

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicInteger openGauge = new AtomicInteger();

    /** What the dispatcher needs besides Kafka. */
    public record Parts(
            CatalogView catalog,
            DeliveryKeys keys,
            WebhookChannel webhooks,
            EmailChannel email,
            FailedDeliveries failures,
            DeliveryBackoff backoff,
            int threads,
            int maxPending) {
        public Parts {
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(webhooks, "webhooks");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(failures, "failures");
            Objects.requireNonNull(backoff, "backoff");
        }
    }

    private TaskDispatcher(Consumer<byte[], byte[]> consumer, Deserializer<HolderTask> tasks, Parts parts) {
        this.consumer = consumer;
        this.tasks = tasks;
        this.catalog = parts.catalog();
        this.keys = parts.keys();
        this.webhooks = parts.webhooks();
        this.email = parts.email();
        this.failures = parts.failures();
        this.backoff = parts.backoff();
        this.maxPending = parts.maxPending();
        AtomicInteger workerNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(parts.threads(), r -> {
            Thread t = new Thread(r, "task-delivery-" + workerNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "task-delivery-retries");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "task-dispatcher");
    }

    /**
     * A dispatcher reading {@link Topics#DSR_TASKS} in consumer group {@code groupId}, read_committed
     * (only tasks of committed Streams transactions), committing by hand. Call {@link #start()}.
     */
    public static TaskDispatcher create(
            Map<String, Object> kafkaClient, String groupId, TopicSerdes serdes, Parts parts) {
        Map<String, Object> properties = new HashMap<>(kafkaClient);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        Consumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new TaskDispatcher(consumer, serdes.valueSerde(Topics.DSR_TASKS).deserializer(), parts);
    }

    public TaskDispatcher start() {
        thread.start();
        return this;
    }

    /** Tasks handed to a holder's channel so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Tasks given up (dead letter, and FAILED outcome unless EXPIRES), unreadable records included. */
    public long givenUp() {
        return givenUp.get();
    }

    /** Failed tries that were followed by another. */
    public long retried() {
        return retried.get();
    }

    /** Tasks read and neither delivered nor given up yet. */
    public int open() {
        return openGauge.get();
    }

    public boolean isRunning() {
        return thread.isAlive() && !stopping;
    }

    // ------------------------------------------------------------------ the consumer thread

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.DSR_TASKS.name()), new Rebalance());
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    accept(record);
                }
                drainEvents();
                startReady();
                commitIfDue(false);
                throttle();
            }
        } catch (WakeupException e) {
            // close() woke a blocked poll
        } catch (RuntimeException e) {
            LOG.error("the task dispatcher stopped on an unexpected error; undelivered tasks stay uncommitted", e);
        } finally {
            shutDown();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Progress progress = partitions.computeIfAbsent(partition, p -> new Progress());
        progress.open.add(record.offset());
        progress.next = record.offset() + 1;
        open++;
        Pending pending = new Pending(record, partition);
        if (record.value() == null) {
            done(pending);
            return;
        }
        try {
            pending.task = tasks.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.error(
                    "unreadable record at {}-{} offset {}: dead-lettered",
                    record.topic(),
                    record.partition(),
                    record.offset());
            submit(() -> recordUnreadable(pending, e));
            return;
        }
        queues.computeIfAbsent(pending.task.getHolder(), h -> new ArrayDeque<>())
                .addLast(pending);
    }

    private void startReady() {
        // Collected first: a try may end at once (a KAFKA holder, a missing secret) and change the queues.
        List<Pending> ready = new ArrayList<>();
        for (Map.Entry<String, ArrayDeque<Pending>> queue : queues.entrySet()) {
            if (!queue.getValue().isEmpty() && !busy.contains(queue.getKey())) {
                busy.add(queue.getKey());
                ready.add(queue.getValue().peekFirst());
            }
        }
        ready.forEach(this::attempt);
    }

    /** One try of the task at the head of its holder's queue; the holder is busy until it ends. */
    private void attempt(Pending pending) {
        if (pending.cancelled) {
            busy.remove(pending.holder());
            return;
        }
        HolderTask task = pending.task;
        Optional<CatalogHolder> holder = catalog.holder(task.getHolder());
        if (holder.isEmpty()) {
            // The topology may know a holder the live catalog has not read yet: worth a retry.
            pending.tries++;
            onResult(
                    pending,
                    DeliveryResult.retry("holder-unknown", "holder " + task.getHolder() + " is not in the catalog"));
            return;
        }
        Optional<String> endpoint = holder.get().erasure().endpoint();
        switch (holder.get().erasure().channel()) {
            case KAFKA, MANUAL -> done(pending);
            case WEBHOOK -> {
                Optional<WebhookSignature> signature = keys.webhook(task.getHolder());
                if (signature.isEmpty()) {
                    giveUp(
                            pending,
                            DeliveryResult.giveUp(
                                    "webhook-secret-missing",
                                    "no webhook secret is configured for holder " + task.getHolder() + " ("
                                            + DeliverySettings.WEBHOOK_SECRETS.name() + ")"));
                } else if (endpoint.isEmpty()) {
                    giveUp(pending, missingEndpoint(task));
                } else {
                    URI url;
                    try {
                        url = URI.create(endpoint.get());
                    } catch (IllegalArgumentException e) {
                        giveUp(
                                pending,
                                DeliveryResult.giveUp(
                                        "endpoint-invalid",
                                        "holder " + task.getHolder() + " has no valid webhook URL in the catalog"));
                        return;
                    }
                    pending.tries++;
                    submit(() -> report(pending, () -> webhooks.deliver(task, url, signature.get())));
                }
            }
            case EMAIL -> {
                if (endpoint.isEmpty()) {
                    giveUp(pending, missingEndpoint(task));
                } else {
                    String name = holder.get().displayName();
                    pending.tries++;
                    submit(() -> report(pending, () -> email.deliver(task, name, endpoint.get())));
                }
            }
        }
    }

    private static DeliveryResult.Failed missingEndpoint(HolderTask task) {
        return DeliveryResult.giveUp(
                "endpoint-missing", "holder " + task.getHolder() + " has no erasure endpoint in the catalog");
    }

    private void onResult(Pending pending, DeliveryResult result) {
        if (pending.cancelled) {
            busy.remove(pending.holder());
            return;
        }
        if (result instanceof DeliveryResult.Delivered ok) {
            delivered.incrementAndGet();
            LOG.info(
                    "delivered {} task {} (reminder {}) to {}: {}",
                    pending.task.getType(),
                    pending.task.getTaskId(),
                    pending.task.getReminder(),
                    pending.holder(),
                    ok.detail());
            done(pending);
            return;
        }
        DeliveryResult.Failed failed = (DeliveryResult.Failed) result;
        if (failed.retriable() && backoff.retries(pending.tries)) {
            retried.incrementAndGet();
            Duration pause = backoff.pauseAfter(pending.tries);
            LOG.warn(
                    "try {} of task {} to {} failed ({}); next try in {} ms",
                    pending.tries,
                    pending.task.getTaskId(),
                    pending.holder(),
                    failed.reason(),
                    pause.toMillis());
            later(pause, () -> attempt(pending));
            return;
        }
        giveUp(pending, failed);
    }

    private void giveUp(Pending pending, DeliveryResult.Failed failed) {
        if (pending.cancelled) {
            busy.remove(pending.holder());
            return;
        }
        LOG.error(
                "giving up task {} to {} after {} tries: {}",
                pending.task.getTaskId(),
                pending.holder(),
                pending.tries,
                failed.reason());
        submit(() -> {
            try {
                failures.giveUp(pending.record, pending.task, pending.tries, failed);
                givenUp.incrementAndGet();
                events.add(() -> done(pending));
            } catch (RuntimeException e) {
                LOG.error("could not record the failed delivery of task {}; trying again", pending.task.getTaskId(), e);
                events.add(() -> later(GIVE_UP_RETRY, () -> giveUp(pending, failed)));
            }
        });
    }

    private void recordUnreadable(Pending pending, Exception error) {
        try {
            failures.unreadable(pending.record, error);
            givenUp.incrementAndGet();
            events.add(() -> done(pending));
        } catch (RuntimeException e) {
            LOG.error("could not dead-letter an unreadable task record; trying again", e);
            events.add(() -> later(GIVE_UP_RETRY, () -> submit(() -> recordUnreadable(pending, error))));
        }
    }

    /** The task is delivered, given up or needs nothing: its offset may be committed, its holder goes on. */
    private void done(Pending pending) {
        if (pending.task != null) {
            ArrayDeque<Pending> queue = queues.get(pending.holder());
            if (queue != null) {
                queue.remove(pending);
                if (queue.isEmpty()) {
                    queues.remove(pending.holder());
                }
            }
            busy.remove(pending.holder());
        }
        if (pending.cancelled) {
            return;
        }
        Progress progress = partitions.get(pending.partition);
        if (progress != null && progress.open.remove(pending.record.offset())) {
            open--;
        }
    }

    private void drainEvents() {
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
        }
        openGauge.set(open);
    }

    private void commitIfDue(boolean now) {
        long nanos = System.nanoTime();
        if (!now && nanos - lastCommit < COMMIT_INTERVAL.toNanos()) {
            return;
        }
        lastCommit = nanos;
        commit(partitions.keySet());
    }

    /** Commits each partition up to its oldest open task (or all it has read). */
    private void commit(Collection<TopicPartition> which) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : which) {
            Progress progress = partitions.get(partition);
            if (progress == null || progress.next < 0) {
                continue;
            }
            long upTo = progress.open.isEmpty() ? progress.next : progress.open.first();
            if (upTo > progress.committed) {
                offsets.put(partition, new OffsetAndMetadata(upTo));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> partitions.get(partition).committed = offset.offset());
        } catch (KafkaException e) {
            // Not committed means delivered again after a restart or a rebalance, never lost.
            LOG.warn("could not commit task offsets ({}); they are committed later", e.getMessage());
        }
    }

    private void throttle() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (open >= maxPending) {
            consumer.pause(assigned);
        } else if (open <= maxPending / 2 && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void submit(Runnable work) {
        if (stopping) {
            return;
        }
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            // Stopping: the task stays uncommitted and is delivered again after the restart.
        }
    }

    /** Runs one try on a worker and hands its result to the consumer thread, whatever happens. */
    private void report(Pending pending, Supplier<DeliveryResult> delivery) {
        DeliveryResult result;
        try {
            result = delivery.get();
        } catch (RuntimeException e) {
            // A bug or an odd endpoint must not leave the holder busy for ever: it counts as a failed try.
            LOG.error("a try of task {} failed unexpectedly", pending.task.getTaskId(), e);
            result = DeliveryResult.retry("internal", "the try failed inside the dispatcher: " + e);
        }
        DeliveryResult outcome = result;
        events.add(() -> onResult(pending, outcome));
    }

    /** Runs {@code action} on the consumer thread after {@code pause}. */
    private void later(Duration pause, Runnable action) {
        if (stopping) {
            return;
        }
        try {
            timer.schedule(() -> events.add(action), pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    private void shutDown() {
        stopping = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        timer.shutdownNow();
        // What finished while stopping still counts: commit it.
        drainEvents();
        try {
            commit(partitions.keySet());
        } catch (RuntimeException e) {
            LOG.warn("could not commit the last task offsets: {}", e.getMessage());
        }
        consumer.close(Duration.ofSeconds(5));
    }

    /** Stops reading, lets running tries end (5 s at most), commits what is done and closes the consumer. */
    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failures.close();
    }

    /** Commits what is done of the partitions leaving this instance and forgets their open tasks. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            drainEvents();
            commit(revoked);
            forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            forget(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {}

        private void forget(Collection<TopicPartition> gone) {
            for (TopicPartition partition : gone) {
                Progress progress = partitions.remove(partition);
                if (progress != null) {
                    open -= progress.open.size();
                }
            }
            for (ArrayDeque<Pending> queue : queues.values()) {
                queue.removeIf(p -> {
                    if (gone.contains(p.partition)) {
                        p.cancelled = true;
                        return true;
                    }
                    return false;
                });
            }
            queues.values().removeIf(ArrayDeque::isEmpty);
            openGauge.set(open);
        }
    }

    /** The open offsets of one partition. */
    private static final class Progress {
        final TreeSet<Long> open = new TreeSet<>();
        long next = -1;
        long committed = -1;
    }

    /** One task read and not yet done. */
    private static final class Pending {
        final ConsumerRecord<byte[], byte[]> record;
        final TopicPartition partition;
        HolderTask task;
        int tries;
        boolean cancelled;

        Pending(ConsumerRecord<byte[], byte[]> record, TopicPartition partition) {
            this.record = record;
            this.partition = partition;
        }

        String holder() {
            return task.getHolder();
        }
    }
}

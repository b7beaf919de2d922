package dev.whereabouts.graph.writer;

import dev.whereabouts.graph.schema.GraphSchema;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.schema.RetryPolicy;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.topic.TopicSerdes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.RetryableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Neo4j lineage graph in step with Kafka: consumes the lineage changelog, identities,
 * merges, the catalog, request status and retention findings, and writes each poll as one
 * transaction of batched {@code UNWIND ... MERGE} statements on constrained keys, then commits the
 * poll's offsets. Replaying any topic from offset 0 yields the same graph.
 *
 * <p>Failures, in layers: bytes that do not decode go to the dead-letter topic with the original bytes
 * (stage DESERIALIZATION); retriable Neo4j errors are retried with bounded backoff ({@link
 * RetryPolicy}, the one retry mechanism of the graph side); after the bound
 * the poll is read again after a cooldown (nothing committed); a change Neo4j refuses for good is
 * isolated by writing the poll's changes one by one, and only the refused ones are dead-lettered
 * (stage SINK). Offsets are committed only after the graph write and the dead letters are durable.
 *
 * <p>Not thread-safe: run it with {@link #start()} on its own thread, or drive it with {@link
 * #pollOnce} / {@link #catchUp} from one thread.
 */
public final class GraphWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GraphWriter.class);

    /** Name recorded in dead letters. */
    public static final String APPLICATION = "graph-writer";

    /** Bytes fetched per partition and request; with lz4 about 5,000 lineage records. */
    static final int PARTITION_FETCH_BYTES = 128 * 1024;

    private final Consumer<byte[], byte[]> consumer;
    private final Driver driver;
    private final RecordDecoder decoder;
    private final DeadLetterSink deadLetterSink;
    private final DeadLetters deadLetters;
    private final GraphWriterSettings settings;
    private final WriteBatch.Repositories repositories;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failedPolls = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong decodeNanos = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private volatile Thread thread;

    /**
     * A writer over an existing consumer (tests pass their own); the consumer must read bytes and
     * must not auto-commit. The caller has run {@link GraphSchema#ensure}.
     */
    public GraphWriter(
            Consumer<byte[], byte[]> consumer,
            Driver driver,
            TopicSerdes serdes,
            DeadLetterSink deadLetterSink,
            GraphWriterSettings settings,
            Clock clock) {
        this.consumer = consumer;
        this.driver = driver;
        this.decoder = new RecordDecoder(serdes);
        this.deadLetterSink = deadLetterSink;
        this.deadLetters = new DeadLetters(APPLICATION, clock);
        this.settings = settings;
        this.repositories = WriteBatch.Repositories.create(clock);
        consumer.subscribe(List.copyOf(decoder.topicNames()));
    }

    /**
     * A writer with its own byte-array consumer in {@code settings.groupId()}, after making sure the
     * graph's constraints exist (every MERGE relies on them).
     */
    public static GraphWriter create(
            String bootstrapServers,
            Driver driver,
            TopicSerdes serdes,
            DeadLetterSink deadLetterSink,
            GraphWriterSettings settings) {
        return create(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                driver,
                serdes,
                deadLetterSink,
                settings);
    }

    /** As above, with {@code kafkaClient} holding the bootstrap servers and any pass-through client properties. */
    public static GraphWriter create(
            Map<String, ?> kafkaClient,
            Driver driver,
            TopicSerdes serdes,
            DeadLetterSink deadLetterSink,
            GraphWriterSettings settings) {
        GraphSchema.ensure(driver);
        Map<String, Object> properties = new HashMap<>(kafkaClient);
        properties.putAll(
                consumerProperties(String.valueOf(kafkaClient.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)), settings));
        return new GraphWriter(
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                driver,
                serdes,
                deadLetterSink,
                settings,
                Clock.systemUTC());
    }

    /** The consumer settings the writer relies on: no auto-commit, earliest, read-committed. */
    public static Map<String, Object> consumerProperties(String bootstrapServers, GraphWriterSettings settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Streams writes these topics with exactly-once: aborted transactions must not reach the graph.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // A small slice of every partition per fetch (a few thousand compressed records each) rather
        // than a megabyte of one: a poll then spans the partitions (see DEFAULT_MAX_POLL_RECORDS).
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PARTITION_FETCH_BYTES);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, APPLICATION);
        return properties;
    }

    /** Runs the poll loop on a daemon thread until {@link #close()}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running.set(true);
        thread = new Thread(this::loop, "graph-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running.get()) {
            try {
                pollOnce(settings.pollTimeout());
            } catch (WakeupException e) {
                if (running.get()) {
                    LOG.warn("graph writer woken up unexpectedly");
                }
            } catch (RuntimeException e) {
                LOG.error(
                        "graph writer poll failed; retrying in {} ms",
                        settings.cooldown().toMillis(),
                        e);
                sleep(settings.cooldown());
            }
        }
    }

    /**
     * Polls once and writes what arrived.
     *
     * @return records read and committed; 0 when none arrived or the write must be repeated
     */
    public int pollOnce(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        if (records.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        WriteBatch batch = new WriteBatch();
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                batch.add(decoder.decode(record));
                batch.applied(record.topic(), record.partition(), record.timestamp());
            } catch (RecordDecoder.UndecodableRecordException e) {
                LOG.warn(
                        "dead-lettering {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
                dead.add(deadLetters.of(record, FailureStage.DESERIALIZATION, e));
            }
        }
        long decoded = System.nanoTime();
        decodeNanos.addAndGet(decoded - started);
        try {
            if (!batch.isEmpty()) {
                write(batch, dead);
            }
            writeNanos.addAndGet(System.nanoTime() - decoded);
            if (!dead.isEmpty()) {
                deadLetterSink.send(dead);
                deadLettered.addAndGet(dead.size());
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "could not write {} records to the graph even after retries; reading them again in {} ms",
                    records.count(),
                    settings.cooldown().toMillis(),
                    e);
            failedPolls.incrementAndGet();
            rewind(records);
            sleep(settings.cooldown());
            return 0;
        }
        long committing = System.nanoTime();
        consumer.commitSync(nextOffsets(records));
        commitNanos.addAndGet(System.nanoTime() - committing);
        recordsRead.addAndGet(records.count());
        return records.count();
    }

    /**
     * Polls until every partition of every topic the writer reads is assigned to it and consumed to
     * its end offset as of the last check; for tests, benchmarks and catching up at start.
     *
     * @throws IllegalStateException when not caught up within {@code timeout}
     */
    public void catchUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int expectedPartitions = 0;
        for (String topic : decoder.topicNames()) {
            expectedPartitions += consumer.partitionsFor(topic).size();
        }
        while (Instant.now().isBefore(deadline)) {
            pollOnce(Duration.ofMillis(100));
            Set<TopicPartition> assignment = consumer.assignment();
            if (assignment.size() < expectedPartitions) {
                continue;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment);
            boolean caughtUp = true;
            for (TopicPartition partition : assignment) {
                if (consumer.position(partition) < ends.get(partition)) {
                    caughtUp = false;
                    break;
                }
            }
            if (caughtUp) {
                return;
            }
        }
        throw new IllegalStateException("graph writer did not catch up within " + timeout);
    }

    public WriterMetrics metrics() {
        return new WriterMetrics(
                recordsRead.get(),
                rowsWritten.get(),
                deadLettered.get(),
                retries.get(),
                failedPolls.get(),
                transactions.get(),
                decodeNanos.get() / 1_000_000,
                writeNanos.get() / 1_000_000,
                commitNanos.get() / 1_000_000);
    }

    private void write(WriteBatch batch, List<DeadLetter> dead) {
        try {
            settings.retry()
                    .call(
                            "graph write of " + batch.rows() + " rows",
                            () -> writeInTransaction(batch),
                            retries::incrementAndGet);
            batch.committed(repositories);
            rowsWritten.addAndGet(batch.rows());
        } catch (RuntimeException e) {
            if (e instanceof RetryableException) {
                throw e;
            }
            LOG.warn(
                    "a batch of {} rows was refused ({}); writing its changes one by one to find the bad ones",
                    batch.rows(),
                    e.getMessage());
            isolate(batch, dead);
        }
    }

    private void isolate(WriteBatch batch, List<DeadLetter> dead) {
        for (GraphChange change : batch.effectiveChanges()) {
            WriteBatch single = new WriteBatch();
            single.add(change);
            try {
                settings.retry()
                        .call("graph write of one change", () -> writeInTransaction(single), retries::incrementAndGet);
                single.committed(repositories);
                rowsWritten.incrementAndGet();
            } catch (RuntimeException e) {
                if (e instanceof RetryableException) {
                    throw e;
                }
                ConsumerRecord<byte[], byte[]> source = change.source();
                LOG.warn(
                        "dead-lettering {}-{}@{}: Neo4j refused it: {}",
                        source.topic(),
                        source.partition(),
                        source.offset(),
                        e.getMessage());
                dead.add(deadLetters.of(source, FailureStage.SINK, e));
            }
        }
    }

    /** One attempt at writing {@code batch} in a transaction of its own; the caller retries it. */
    private Void writeInTransaction(WriteBatch batch) {
        GraphTransactions.once(driver, AccessMode.WRITE, tx -> {
            batch.writeTo(tx, repositories);
            return null;
        });
        transactions.incrementAndGet();
        return null;
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            offsets.put(
                    partition,
                    new OffsetAndMetadata(
                            inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        Thread running = thread;
        if (running != null) {
            consumer.wakeup();
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close(Duration.ofSeconds(5));
        deadLetterSink.close();
    }
}

package dev.whereabouts.graph.writer;

/**
 * What the graph writer has done since it started.
 *
 * @param recordsRead      records consumed (and committed)
 * @param rowsWritten      graph rows written after per-batch reduction
 * @param deadLetters      records sent to the dead-letter topic
 * @param retries          retriable Neo4j failures retried
 * @param failedPolls      polls given up after the retries and read again later
 * @param transactions     write transactions committed
 * @param decodeMillis     time spent decoding records
 * @param writeMillis      time spent in Neo4j transactions (including retries)
 * @param commitMillis     time spent committing Kafka offsets
 */
public record WriterMetrics(
        long recordsRead,
        long rowsWritten,
        long deadLetters,
        long retries,
        long failedPolls,
        long transactions,
        long decodeMillis,
        long writeMillis,
        long commitMillis) {}

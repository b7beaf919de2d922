package dev.whereabouts.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable state: an append-only file of {@link LogRecord}s, one JSON object per
 * line.
 *
 * <p>A record counts as committed once its line, newline included, is on disk: {@link #append}
 * forces the file before returning, and the caller answers the client only after that. On open,
 * an unterminated <em>last</em> line, or a last line that is not even JSON, is the remains of a
 * write that never completed (a crash mid-append), so it is cut off with a warning. Anything
 * else unreadable (a bad line before the last, a well-formed record of an unknown type) makes
 * opening fail rather than silently forget schemas.
 *
 * <p>The file is locked while open so two registries cannot share a data directory. Not
 * thread-safe: the store serialises appends.
 */
final class MutationLog implements Closeable {

    /** Name of the log file inside the data directory. */
    static final String FILE_NAME = "registry-log.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(MutationLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private long size;
    private boolean broken;

    private MutationLog(Path file, FileChannel channel, FileLock lock, long size) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.size = size;
    }

    /**
     * Opens (creating if needed) the log in {@code dataDirectory} and feeds every committed record
     * to {@code replay}, oldest first.
     *
     * @throws IOException if the directory is unusable, locked by another registry, or the log is
     *                     corrupt before its last line; also if {@code replay} rejects a record
     */
    static MutationLog open(Path dataDirectory, Consumer<LogRecord> replay) throws IOException {
        Files.createDirectories(dataDirectory);
        Path file = dataDirectory.resolve(FILE_NAME);
        boolean created = Files.notExists(file);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = lock(channel, file);
            if (created) {
                forceDirectory(dataDirectory);
            }
            long committed = replay(channel, file, replay);
            if (committed < channel.size()) {
                LOG.warn(
                        "Truncating {} from {} to {} bytes: the last record was not completely written",
                        file,
                        channel.size(),
                        committed);
                channel.truncate(committed);
                channel.force(true);
            }
            channel.position(committed);
            return new MutationLog(file, channel, lock, committed);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Appends {@code record} and forces it to disk before returning. */
    void append(LogRecord record) throws IOException {
        if (broken) {
            throw new IOException("Log " + file + " failed earlier and is read-only until restart");
        }
        byte[] json = JSON.writeValueAsBytes(record);
        ByteBuffer line =
                ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
            size += json.length + 1;
        } catch (IOException e) {
            rollBack(e);
            throw e;
        }
    }

    /** Path of the log file. */
    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    // A half-written line followed by later appends would become mid-file corruption, so cut it.
    private void rollBack(IOException failure) {
        try {
            channel.truncate(size);
            channel.position(size);
        } catch (IOException e) {
            failure.addSuppressed(e);
            broken = true;
        }
    }

    private static FileLock lock(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(file + " is in use by another schema registry");
        }
        return lock;
    }

    /** Reads the whole log, replays committed records and returns the committed length. */
    private static long replay(FileChannel channel, Path file, Consumer<LogRecord> replay) throws IOException {
        long length = channel.size();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException(file + " is too large to replay: " + length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                break;
            }
        }
        byte[] bytes = buffer.array();
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                return start; // unterminated: an append that never finished
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                JsonNode json;
                try {
                    json = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    if (end == bytes.length - 1) {
                        return start; // garbage on the last line: also an append that never finished
                    }
                    throw new IOException(
                            "Corrupt record at line " + lineNumber + " of " + file + ": " + e.getOriginalMessage(), e);
                }
                LogRecord record;
                try {
                    record = JSON.treeToValue(json, LogRecord.class);
                } catch (JsonProcessingException e) {
                    // Well-formed JSON we cannot map is not a torn write (perhaps a newer registry wrote
                    // it); dropping it would lose a committed mutation, so refuse to start instead.
                    throw new IOException(
                            "Unreadable record at line " + lineNumber + " of " + file + ": " + e.getOriginalMessage(),
                            e);
                }
                try {
                    replay.accept(record);
                } catch (RuntimeException e) {
                    throw new IOException(
                            "Cannot replay line " + lineNumber + " of " + file + ": " + e.getMessage(), e);
                }
            }
            start = end + 1;
        }
        return start;
    }

    private static int indexOf(byte[] bytes, byte target, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == target) {
                return i;
            }
        }
        return -1;
    }

    /** Makes a newly created file's directory entry durable; not possible on every platform. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot fsync directory {} on this platform", directory, e);
        }
    }
}

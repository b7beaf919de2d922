package dev.whereabouts.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.registry.CompatibilityLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationLogTest {

    static final LogRecord REGISTERED = new LogRecord.SchemaRegistered(1, "users-value", 1, "\"string\"");
    static final LogRecord GLOBAL_FULL = new LogRecord.CompatibilitySet(null, CompatibilityLevel.FULL);
    static final LogRecord SUBJECT_CLEARED = new LogRecord.CompatibilitySet("users-value", null);
    static final LogRecord VERSION_DELETED = new LogRecord.VersionDeleted("users-value", 1, false);
    static final LogRecord SUBJECT_DELETED = new LogRecord.SubjectDeleted("users-value", true);

    @TempDir
    Path directory;

    @Test
    void shouldReplayAppendedRecordsInOrder() throws IOException {
        List<LogRecord> written = List.of(REGISTERED, GLOBAL_FULL, SUBJECT_CLEARED, VERSION_DELETED, SUBJECT_DELETED);
        try (MutationLog log = MutationLog.open(directory, record -> {})) {
            for (LogRecord record : written) {
                log.append(record);
            }
        }

        assertThat(replay()).isEqualTo(written);
    }

    @Test
    void shouldCreateTheDataDirectory() throws IOException {
        Path nested = directory.resolve("a").resolve("b");

        try (MutationLog log = MutationLog.open(nested, record -> {})) {
            assertThat(log.file()).exists();
        }
    }

    @Test
    void shouldOmitAbsentSubjectAndLevelFromCompatibilityRecords() throws IOException {
        try (MutationLog log = MutationLog.open(directory, record -> {})) {
            log.append(GLOBAL_FULL);
        }

        assertThat(Files.readString(logFile())).isEqualTo("{\"type\":\"compatibility-set\",\"level\":\"FULL\"}\n");
    }

    @Test
    void shouldTruncateAnUnterminatedLastLine() throws IOException {
        appendRecords(REGISTERED);
        long committed = Files.size(logFile());
        write("{\"type\":\"version-del");

        assertThat(replay()).containsExactly(REGISTERED);
        assertThat(Files.size(logFile())).isEqualTo(committed);
    }

    @Test
    void shouldTruncateAnUnparsableLastLine() throws IOException {
        appendRecords(REGISTERED);
        long committed = Files.size(logFile());
        write("\u0000\u0000garbage\n");

        assertThat(replay()).containsExactly(REGISTERED);
        assertThat(Files.size(logFile())).isEqualTo(committed);
    }

    @Test
    void shouldAppendCleanlyAfterTruncatingATornLine() throws IOException {
        appendRecords(REGISTERED);
        write("{\"type\":");
        try (MutationLog log = MutationLog.open(directory, record -> {})) {
            log.append(GLOBAL_FULL);
        }

        assertThat(replay()).containsExactly(REGISTERED, GLOBAL_FULL);
    }

    @Test
    void shouldSkipBlankLines() throws IOException {
        appendRecords(REGISTERED);
        write("\n  \n");
        appendRecords(GLOBAL_FULL);

        assertThat(replay()).containsExactly(REGISTERED, GLOBAL_FULL);
    }

    @Test
    void shouldFailOnACorruptLineBeforeTheLast() throws IOException {
        appendRecords(REGISTERED);
        write("{\"type\":\"schema-regis\n{\"type\":\"compatibility-set\",\"level\":\"FULL\"}\n");

        assertThatThrownBy(this::replay)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Corrupt record at line 2");
    }

    @Test
    void shouldFailOnAWellFormedRecordItCannotRead() throws IOException {
        appendRecords(REGISTERED);
        write("{\"type\":\"record-from-the-future\"}\n");

        assertThatThrownBy(this::replay)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unreadable record at line 2");
    }

    @Test
    void shouldFailWhenARecordCannotBeReplayed() throws IOException {
        appendRecords(REGISTERED);

        assertThatThrownBy(() -> MutationLog.open(directory, record -> {
                    throw new IllegalStateException("inconsistent");
                }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void shouldRefuseASecondOpenOfTheSameDirectory() throws IOException {
        MutationLog first = MutationLog.open(directory, record -> {});

        assertThatThrownBy(() -> MutationLog.open(directory, record -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("in use");
        first.close();
        MutationLog.open(directory, record -> {}).close();
    }

    private List<LogRecord> replay() throws IOException {
        List<LogRecord> records = new ArrayList<>();
        MutationLog.open(directory, records::add).close();
        return records;
    }

    private void appendRecords(LogRecord... records) throws IOException {
        try (MutationLog log = MutationLog.open(directory, record -> {})) {
            for (LogRecord record : records) {
                log.append(record);
            }
        }
    }

    private void write(String text) throws IOException {
        Files.write(
                logFile(), text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private Path logFile() {
        return directory.resolve(MutationLog.FILE_NAME);
    }
}

package dev.whereabouts.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void shouldReadEnvironmentVariablesAndLetArgumentsWin() {
        // When
        StreamsSettings settings = StreamsSettings.from(
                Map.of("WHEREABOUTS_STREAMS_NUM_STREAM_THREADS", "4", "WHEREABOUTS_STREAMS_COMMIT_INTERVAL_MS", "500"),
                "--commit.interval.ms=250");

        // Then
        assertThat(settings.getInt(StreamsSettings.NUM_STREAM_THREADS)).isEqualTo(4);
        assertThat(settings.getLong(StreamsSettings.COMMIT_INTERVAL_MS)).isEqualTo(250L);
        assertThat(settings.getString(StreamsSettings.BACKUP_PROMISE)).isEqualTo("P1Y");
    }

    @Test
    void shouldDocumentEveryKey() {
        assertThat(StreamsSettings.GROUP.settings())
                .allSatisfy(key -> assertThat(key.doc()).isNotBlank());
    }

    @Test
    void shouldRejectABadPeriodNamingTheKey() {
        assertThatThrownBy(() -> StreamsSettings.from(Map.of("WHEREABOUTS_STREAMS_BACKUP_PROMISE", "one year")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backup.promise")
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void shouldRejectAnUnknownArgument() {
        assertThatThrownBy(() -> StreamsSettings.from(Map.of(), "--no.such.key=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no.such.key");
    }
}

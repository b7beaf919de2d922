package dev.whereabouts.model.serde;

import static dev.whereabouts.model.serde.SerdeFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void shouldWriteMagicByteAndBigEndianId() {
        assertThat(WireFormat.header(0x01020304)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
        assertThat(WireFormat.header(42)).containsExactly(0x00, 0x00, 0x00, 0x00, 0x2A);
        assertThat(WireFormat.header(-1)).containsExactly(0x00, 0xFF, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void shouldReadTheIdBackIncludingTheSignBit() {
        assertThat(WireFormat.readSchemaId(bytes(0x00, 0x01, 0x02, 0x03, 0x04, 0x99)))
                .isEqualTo(0x01020304);
        assertThat(WireFormat.readSchemaId(WireFormat.header(Integer.MAX_VALUE)))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(WireFormat.readSchemaId(WireFormat.header(Integer.MIN_VALUE)))
                .isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void shouldReportForeignMagicByteBeforeShortLength() {
        assertThatThrownBy(() -> WireFormat.readSchemaId(bytes(0x01)))
                .isInstanceOf(SerializationException.class)
                .hasMessage(
                        "Unknown magic byte 0x01 at offset 0 (expected 0x00): the 1-byte payload was not written by a"
                                + " Confluent-compatible Avro serializer");
    }

    @Test
    void shouldReportNullAsEmpty() {
        assertThatThrownBy(() -> WireFormat.readSchemaId(null))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot deserialize an empty payload");
    }
}

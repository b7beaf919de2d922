package dev.whereabouts.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * The bounded decoder reads exactly what Avro's own encoders write, for every type and for both
 * block encodings of arrays and maps, and consumes every byte when a reader skips fields.
 */
class PayloadDecoderTest {

    private static final Schema EVERYTHING = new Schema.Parser().parse("""
      {"type":"record","name":"Everything","namespace":"dev.whereabouts.test","fields":[
        {"name":"n","type":"null"},
        {"name":"b","type":"boolean"},
        {"name":"i","type":"int"},
        {"name":"l","type":"long"},
        {"name":"f","type":"float"},
        {"name":"d","type":"double"},
        {"name":"bytes","type":"bytes"},
        {"name":"s","type":"string"},
        {"name":"fixed","type":{"type":"fixed","name":"Hash","size":4}},
        {"name":"e","type":{"type":"enum","name":"Colour","symbols":["RED","GREEN","BLUE"]}},
        {"name":"a","type":{"type":"array","items":"string"}},
        {"name":"m","type":{"type":"map","values":"long"}},
        {"name":"u","type":["null","int","string"]},
        {"name":"nested","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}},
        {"name":"last","type":"int"}
      ]}""");

    private static final Schema ONLY_LAST = new Schema.Parser().parse("""
      {"type":"record","name":"Everything","namespace":"dev.whereabouts.test","fields":[
        {"name":"last","type":"int"}]}""");

    @Test
    void shouldDecodeEveryTypeExactlyAsAvrosBinaryEncoderWroteIt() throws IOException {
        GenericRecord value = everything();
        byte[] body = encode(value, EncoderFactory.get().binaryEncoder(new ByteArrayOutputStream(), null));

        assertThat(decode(body, EVERYTHING, EVERYTHING)).isEqualTo(value);
    }

    @Test
    void shouldDecodeArraysAndMapsWrittenInSizedBlocks() throws IOException {
        GenericRecord value = everything();
        // The blocking encoder writes negative item counts followed by the block's byte size.
        byte[] body = encode(value, EncoderFactory.get().blockingBinaryEncoder(new ByteArrayOutputStream(), null));

        assertThat(decode(body, EVERYTHING, EVERYTHING)).isEqualTo(value);
    }

    @Test
    void shouldSkipEveryDroppedFieldAndLandOnTheLastOne() throws IOException {
        GenericRecord value = everything();
        for (boolean blocking : new boolean[] {false, true}) {
            byte[] body = encode(
                    value,
                    blocking
                            ? EncoderFactory.get().blockingBinaryEncoder(new ByteArrayOutputStream(), null)
                            : EncoderFactory.get().binaryEncoder(new ByteArrayOutputStream(), null));

            GenericRecord projected = decode(body, EVERYTHING, ONLY_LAST);

            assertThat(projected.get("last")).as("blocking=%s", blocking).isEqualTo(-123456);
        }
    }

    private static GenericRecord everything() {
        GenericRecord value = new GenericData.Record(EVERYTHING);
        value.put("n", null);
        value.put("b", true);
        value.put("i", Integer.MIN_VALUE);
        value.put("l", Long.MAX_VALUE);
        value.put("f", -0.5f);
        value.put("d", Math.PI);
        value.put("bytes", ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xFF}));
        value.put("s", new Utf8("résumé ✓"));
        value.put("fixed", new GenericData.Fixed(EVERYTHING.getField("fixed").schema(), new byte[] {9, 8, 7, 6}));
        value.put("e", new GenericData.EnumSymbol(EVERYTHING.getField("e").schema(), "BLUE"));
        value.put(
                "a",
                new GenericData.Array<>(
                        EVERYTHING.getField("a").schema(),
                        List.of(new Utf8("x"), new Utf8(""), new Utf8("long string ".repeat(20)))));
        Map<Utf8, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            map.put(new Utf8("k" + i), (long) i * i);
        }
        value.put("m", map);
        value.put("u", new Utf8("branch"));
        GenericRecord inner =
                new GenericData.Record(EVERYTHING.getField("nested").schema());
        inner.put("x", 7);
        value.put("nested", inner);
        value.put("last", -123456);
        return value;
    }

    private static byte[] encode(GenericRecord value, BinaryEncoder encoder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder target = encoder instanceof org.apache.avro.io.BlockingBinaryEncoder
                ? EncoderFactory.get().blockingBinaryEncoder(out, null)
                : EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(EVERYTHING).write(value, target);
        target.flush();
        return out.toByteArray();
    }

    private static GenericRecord decode(byte[] body, Schema writer, Schema reader) throws IOException {
        PayloadDecoder decoder = new PayloadDecoder();
        decoder.reset(body, 0, body.length);
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, reader).read(null, decoder);
        assertThat(decoder.isEnd()).as("every byte consumed").isTrue();
        return read;
    }
}

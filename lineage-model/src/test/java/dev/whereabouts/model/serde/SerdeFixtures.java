package dev.whereabouts.model.serde;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.sharing.SharingEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;

/** Fixture builders and golden-file access shared by the serde tests. */
final class SerdeFixtures {

    /** The small record the golden files are written with; see {@code golden/*.hex}. */
    static final Schema PING = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"dev.whereabouts.golden\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"long\"},"
                    + "{\"name\":\"label\",\"type\":\"string\"},"
                    + "{\"name\":\"ok\",\"type\":\"boolean\"},"
                    + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");

    private SerdeFixtures() {}

    /** A valid, realistic sharing event; override what the test is about. */
    static SharingEvent.Builder aSharingEvent() {
        return SharingEvent.newBuilder()
                .setEventId("6f1c2a8e-3f0b-4a5e-9d6c-1b2a3c4d5e6f")
                .setOccurredAt(Instant.parse("2025-03-14T09:26:53.589Z"))
                .setSourceSystem("checkout")
                .setIdentifiers(List.of(SubjectIdentifier.newBuilder()
                        .setType(IdentifierType.EMAIL)
                        .setPseudonym("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                        .setKeyId("k-2025-01")
                        .build()))
                .setHolder("postmark")
                .setCategories(List.of("user.contact.email", "user.name"))
                .setPurpose("transactional-mail")
                .setLegalBasis(LegalBasis.CONTRACT)
                .setRetention("P45D")
                .setAction(SharingAction.SHARED);
    }

    /** A serializer/deserializer configuration with defaults, for tests that pass a client. */
    static SerdeConfig defaults() {
        return SerdeConfig.defaults();
    }

    /**
     * Reads {@code src/test/resources/golden/<name>}: lines starting with {@code #} are comments,
     * the rest is hex byte pairs separated by whitespace.
     */
    static byte[] golden(String name) {
        try (InputStream in = SerdeFixtures.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                for (String pair : content.split("\\s+")) {
                    bytes.write(Integer.parseInt(pair, 16));
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bytes} as space-separated upper-case hex, for readable assertion failures. */
    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }

    /** Builds a byte array from int literals so tests can spell bytes as they appear on the wire. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** {@code parts} concatenated. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

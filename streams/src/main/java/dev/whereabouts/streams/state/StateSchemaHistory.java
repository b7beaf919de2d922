package dev.whereabouts.streams.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * The schemas earlier releases wrote the topology's own records with (state stores, changelogs, the
 * routing topic and the contract payloads inside them), so a data directory or a routing topic
 * written by an earlier build is read after an upgrade: single-object encoding names the writer's
 * schema by fingerprint, and the decoder resolves it against the current one (new fields take
 * their defaults). A record whose fingerprint is neither current nor listed here still fails
 * loudly. Each release whose state schemas changed adds a folder under
 * {@code state-schemas/<version>/} with the files and an {@code order.txt} (referenced types first).
 */
public final class StateSchemaHistory {

    private static final List<String> RELEASES = List.of("0.1.0");

    private static final SchemaStore.Cache STORE = load();

    private StateSchemaHistory() {}

    /** Every earlier schema, by fingerprint. */
    public static SchemaStore store() {
        return STORE;
    }

    private static SchemaStore.Cache load() {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        for (String release : RELEASES) {
            Schema.Parser parser = new Schema.Parser();
            String base = "/state-schemas/" + release + "/";
            for (String name : read(base + "order.txt").split("\\R")) {
                if (!name.isBlank()) {
                    cache.addSchema(parser.parse(read(base + name.trim() + ".avsc")));
                }
            }
        }
        return cache;
    }

    private static String read(String resource) {
        try (InputStream in = StateSchemaHistory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing state schema resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

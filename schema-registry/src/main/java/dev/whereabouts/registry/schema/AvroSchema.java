package dev.whereabouts.registry.schema;

import dev.whereabouts.registry.RegistryException;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A parsed Avro schema together with its canonical text.
 *
 * <p>The canonical text is Avro's own compact rendering of the parsed schema, as Confluent stores
 * it: two submissions that differ only in whitespace or attribute order have the same canonical
 * text, so they get the same global id. Docs, defaults and custom properties are kept, so a change
 * to any of them is a new schema (Confluent behaves the same without {@code normalize=true}).
 *
 * @param canonical text stored, returned to clients and used as the identity key
 * @param schema    the parsed schema, used for compatibility checks
 */
public record AvroSchema(String canonical, Schema schema) {

    /** The only schema type this registry understands. */
    public static final String TYPE = "AVRO";

    public AvroSchema {
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * Parses schema text as a client submits it.
     *
     * @throws RegistryException {@code 42201} if the text is empty or not a valid Avro schema
     */
    public static AvroSchema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        Schema parsed;
        try {
            // A fresh parser per schema: parsers remember named types and are not thread-safe.
            parsed = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema(describe(e));
        }
        return new AvroSchema(parsed.toString(), parsed);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

package dev.whereabouts.model.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Every named schema of a folder of {@code .avsc} files, parsed together so they can refer to each other. */
final class AvroSchemaSet {

    private AvroSchemaSet() {}

    static Map<String, Schema> parse(Path root) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A file may name a type defined in a later file: park it and retry until nothing moves.
        Deque<Path> pending = new ArrayDeque<>(files);
        Map<String, Schema> known = new TreeMap<>();
        int sinceProgress = 0;
        while (!pending.isEmpty()) {
            Path file = pending.removeFirst();
            Schema.Parser parser = new Schema.Parser();
            parser.addTypes(known.values());
            try {
                Schema schema = parser.parse(file.toFile());
                known.put(schema.getFullName(), schema);
                sinceProgress = 0;
            } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
                pending.addLast(file);
                if (++sinceProgress > pending.size()) {
                    throw new IllegalStateException("cannot parse " + file + ": " + e.getMessage(), e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return known;
    }
}

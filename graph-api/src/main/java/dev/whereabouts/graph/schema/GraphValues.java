package dev.whereabouts.graph.schema;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.neo4j.driver.Value;

/** Reading driver values that may be absent: lists, timestamps stored as epoch millis. */
public final class GraphValues {

    private GraphValues() {}

    public static List<String> strings(Value value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        return value.asList(v -> v.isNull() ? null : v.asString()).stream()
                .filter(Objects::nonNull)
                .toList();
    }

    public static List<String> sortedStrings(Value value) {
        return strings(value).stream().distinct().sorted().toList();
    }

    public static Instant instant(Value value) {
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }
}

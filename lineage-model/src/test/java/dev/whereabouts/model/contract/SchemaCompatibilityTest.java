package dev.whereabouts.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Enforces docs/schema-compatibility.md: every schema of the last released version (snapshot in
 * test resources) still exists, and the current schema reads everything the released one wrote
 * (BACKWARD). A failure here means the change needs a new topic version instead.
 */
class SchemaCompatibilityTest {

    static final Path CURRENT = Path.of("src/main/avro");
    static final Path RELEASED = Path.of("src/test/resources/schema-snapshots/0.1.0");

    @Test
    void shouldKeepEveryReleasedSchema() {
        Map<String, Schema> current = AvroSchemaSet.parse(CURRENT);
        Map<String, Schema> released = AvroSchemaSet.parse(RELEASED);

        assertThat(current.keySet())
                .as("schemas may be added, never removed or renamed")
                .containsAll(released.keySet());
    }

    @Test
    void shouldReadEveryReleasedRecordWithTheCurrentSchema() {
        Map<String, Schema> current = AvroSchemaSet.parse(CURRENT);
        Map<String, Schema> released = AvroSchemaSet.parse(RELEASED);

        List<String> breaks = new ArrayList<>();
        released.forEach((name, old) -> {
            Schema now = current.get(name);
            if (now != null) {
                breaks.addAll(incompatibilities(now, old));
            }
        });

        assertThat(breaks).as("BACKWARD compatibility with release 0.1.0").isEmpty();
    }

    @Test
    void shouldDocumentEveryFieldOfEveryRecord() {
        List<String> undocumented = new ArrayList<>();
        AvroSchemaSet.parse(CURRENT).values().forEach(schema -> {
            if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                undocumented.add(schema.getFullName());
            }
            if (schema.getType() == Schema.Type.RECORD) {
                schema.getFields().stream()
                        .filter(f -> f.doc() == null || f.doc().isBlank())
                        .forEach(f -> undocumented.add(schema.getFullName() + "." + f.name()));
            }
        });

        assertThat(undocumented).as("types and fields without a doc").isEmpty();
    }

    @Test
    void shouldDetectAFieldAddedWithoutDefaultAsABreak() {
        Schema released = SchemaBuilder.record("Example")
                .namespace("dev.whereabouts.test")
                .fields()
                .requiredString("a")
                .endRecord();
        Schema added = SchemaBuilder.record("Example")
                .namespace("dev.whereabouts.test")
                .fields()
                .requiredString("a")
                .requiredString("b")
                .endRecord();
        Schema addedWithDefault = SchemaBuilder.record("Example")
                .namespace("dev.whereabouts.test")
                .fields()
                .requiredString("a")
                .name("b")
                .type()
                .stringType()
                .stringDefault("")
                .endRecord();

        assertThat(incompatibilities(added, released))
                .singleElement()
                .asString()
                .contains("b");
        assertThat(incompatibilities(addedWithDefault, released)).isEmpty();
    }

    private static List<String> incompatibilities(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> writer.getFullName() + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage()
                        + ")")
                .toList();
    }
}

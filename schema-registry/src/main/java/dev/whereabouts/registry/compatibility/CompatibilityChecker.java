package dev.whereabouts.registry.compatibility;

import dev.whereabouts.registry.CompatibilityLevel;
import dev.whereabouts.registry.schema.AvroSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks a candidate schema against earlier versions of a subject, using Avro's own
 * {@link SchemaCompatibility} reader/writer rules.
 *
 * <p>Stateless and thread-safe.
 */
public final class CompatibilityChecker {

    /** A registered version to check against. */
    public record PreviousVersion(int version, AvroSchema schema) {}

    /**
     * Checks {@code candidate} against {@code previous} under {@code level}.
     *
     * @param previous non-deleted versions, newest first; non-transitive levels only look at the
     *                 first one
     */
    public CompatibilityResult check(CompatibilityLevel level, AvroSchema candidate, List<PreviousVersion> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return CompatibilityResult.compatible();
        }
        List<PreviousVersion> toCheck = isTransitive(level) ? previous : previous.subList(0, 1);
        // Like Confluent, stop at the first incompatible version: one explained failure is more use
        // to an operator than the same failure repeated for every older version.
        for (PreviousVersion old : toCheck) {
            List<String> messages = new ArrayList<>();
            if (checksBackward(level)) {
                messages.addAll(
                        incompatibilities(candidate.schema(), old.schema().schema(), "new", "old"));
            }
            if (checksForward(level)) {
                messages.addAll(incompatibilities(old.schema().schema(), candidate.schema(), "old", "new"));
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema().canonical() + "'}");
                messages.add("{compatibility: '" + level.name() + "'}");
                return new CompatibilityResult(messages);
            }
        }
        return CompatibilityResult.compatible();
    }

    private static boolean isTransitive(CompatibilityLevel level) {
        return level == CompatibilityLevel.BACKWARD_TRANSITIVE
                || level == CompatibilityLevel.FORWARD_TRANSITIVE
                || level == CompatibilityLevel.FULL_TRANSITIVE;
    }

    private static boolean checksBackward(CompatibilityLevel level) {
        return switch (level) {
            case BACKWARD, BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE -> true;
            default -> false;
        };
    }

    private static boolean checksForward(CompatibilityLevel level) {
        return switch (level) {
            case FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE -> true;
            default -> false;
        };
    }

    /**
     * Problems a reader with {@code reader} would have decoding data written with {@code writer}.
     * {@code readerName} and {@code writerName} ("new"/"old") only shape the wording.
     */
    private static List<String> incompatibilities(Schema reader, Schema writer, String readerName, String writerName) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'"
                    + describe(incompatibility, readerName, writerName) + "', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
        return messages;
    }

    private static String describe(Incompatibility problem, String reader, String writer) {
        String path = problem.getLocation();
        return switch (problem.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE ->
                "The field '" + problem.getMessage() + "' at path '"
                        + path + "' in the " + reader + " schema has no default value and is missing in the "
                        + writer + " schema";
            case TYPE_MISMATCH ->
                "The type (path '" + path + "') of a field in the " + reader + " schema does not match with the "
                        + writer + " schema";
            case NAME_MISMATCH ->
                "The name of the " + reader + " schema at path '" + path + "' does not match the name in the " + writer
                        + " schema";
            case FIXED_SIZE_MISMATCH ->
                "The size of the fixed type at path '" + path + "' in the " + reader
                        + " schema does not match with the " + writer + " schema";
            case MISSING_ENUM_SYMBOLS ->
                "The " + reader + " schema is missing enum symbols at path '" + path + "' that the " + writer
                        + " schema uses";
            case MISSING_UNION_BRANCH ->
                "The " + reader + " schema is missing a type inside a union at" + " path '" + path + "' that the "
                        + writer + " schema uses";
        };
    }
}

package dev.whereabouts.registry.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.registry.CompatibilityLevel;
import dev.whereabouts.registry.compatibility.CompatibilityChecker.PreviousVersion;
import dev.whereabouts.registry.schema.AvroSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompatibilityCheckerTest {

    static final AvroSchema A_REQUIRED = record("{\"name\":\"a\",\"type\":\"int\"}");
    static final AvroSchema A_DEFAULT = record("{\"name\":\"a\",\"type\":\"int\",\"default\":0}");
    static final AvroSchema A_TEXT = record("{\"name\":\"a\",\"type\":\"string\",\"default\":\"\"}");
    static final AvroSchema EMPTY = record("");

    final CompatibilityChecker checker = new CompatibilityChecker();

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void shouldAcceptAnythingAsTheFirstVersion(CompatibilityLevel level) {
        assertThat(checker.check(level, A_REQUIRED, List.of()).isCompatible()).isTrue();
    }

    @Test
    void shouldAcceptAnythingUnderNone() {
        assertThat(checker.check(
                                CompatibilityLevel.NONE,
                                AvroSchema.parse("\"string\""),
                                List.of(new PreviousVersion(1, A_REQUIRED)))
                        .isCompatible())
                .isTrue();
    }

    @Test
    void shouldReportReaderFieldWithoutDefaultInConfluentFormat() {
        CompatibilityResult result =
                checker.check(CompatibilityLevel.BACKWARD, A_REQUIRED, List.of(new PreviousVersion(3, EMPTY)));

        assertThat(result.messages())
                .containsExactly(
                        "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'a' at path "
                                + "'/fields/0' in the new schema has no default value and is missing in the old "
                                + "schema', additionalInfo:'a'}",
                        "{oldSchemaVersion: 3}",
                        "{oldSchema: '" + EMPTY.canonical() + "'}",
                        "{compatibility: 'BACKWARD'}");
    }

    @Test
    void shouldReportBothDirectionsUnderFull() {
        CompatibilityResult result =
                checker.check(CompatibilityLevel.FULL, A_TEXT, List.of(new PreviousVersion(1, A_REQUIRED)));

        assertThat(result.messages())
                .filteredOn(m -> m.startsWith("{errorType:'TYPE_MISMATCH'"))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("in the new schema does not match with the old"))
                .anySatisfy(m -> assertThat(m).contains("in the old schema does not match with the new"));
    }

    @Test
    void shouldLookOnlyAtTheNewestVersionUnlessTransitive() {
        List<PreviousVersion> newestFirst = List.of(new PreviousVersion(2, EMPTY), new PreviousVersion(1, A_REQUIRED));

        assertThat(checker.check(CompatibilityLevel.BACKWARD, A_TEXT, newestFirst)
                        .isCompatible())
                .isTrue();
        assertThat(checker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, A_TEXT, newestFirst)
                        .messages())
                .contains("{oldSchemaVersion: 1}");
    }

    @Test
    void shouldStopAtTheFirstIncompatibleVersion() {
        List<PreviousVersion> newestFirst = List.of(
                new PreviousVersion(3, A_REQUIRED),
                new PreviousVersion(2, A_REQUIRED),
                new PreviousVersion(1, A_DEFAULT));

        CompatibilityResult result = checker.check(CompatibilityLevel.FORWARD_TRANSITIVE, EMPTY, newestFirst);

        assertThat(result.messages()).contains("{oldSchemaVersion: 3}").doesNotContain("{oldSchemaVersion: 2}");
    }

    private static AvroSchema record(String fields) {
        return AvroSchema.parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
    }
}

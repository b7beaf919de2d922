package dev.whereabouts.model.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/topics.md true to {@link Topics}. After changing the catalogue, regenerate it with
 * {@code ./mvnw -pl lineage-model test -Dtest=TopicsDocTest -Dwhereabouts.docs.write=true}.
 */
class TopicsDocTest {

    private static final Path DOC = Path.of("../docs/topics.md");

    @Test
    void shouldDescribeEveryTopicInDocs() throws IOException {
        String rendered = render();
        if (Boolean.getBoolean("whereabouts.docs.write")) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/topics.md is stale: regenerate it (see TopicsDocTest)")
                .isEqualTo(rendered);
    }

    private static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Topics\n\n")
                .append(
                        "Generated from `lineage-model/src/main/java/dev/whereabouts/model/topic/Topics.java` by `TopicsDocTest`;\n")
                .append(
                        "do not edit by hand. Every input topic has a dead-letter twin holding what could not be processed,\n")
                .append(
                        "with the original bytes and the reason. `TopicProvisioner` creates all of them idempotently.\n\n")
                .append("| topic | role | key | value | partitions | cleanup | retention | what it carries |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Topic<?, ?> topic : Topics.all()) {
            md.append("| `")
                    .append(topic.name())
                    .append("` | ")
                    .append(topic.role()
                            .name()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-'))
                    .append(" | ")
                    .append(typeName(topic.keyType()))
                    .append(" | ")
                    .append(typeName(topic.valueType()))
                    .append(" | ")
                    .append(topic.partitions())
                    .append(" | ")
                    .append(topic.cleanup().configValue())
                    .append(" | ")
                    .append(topic.retention().map(TopicsDocTest::days).orElse("forever"))
                    .append(" | ")
                    .append(topic.doc())
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String typeName(Class<?> type) {
        return type == byte[].class
                ? "bytes (original key)"
                : type == String.class ? "string" : "Avro `" + type.getSimpleName() + "`";
    }

    private static String days(Duration duration) {
        return duration.toDays() + " days";
    }
}

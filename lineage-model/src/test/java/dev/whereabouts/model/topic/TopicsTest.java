package dev.whereabouts.model.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final Pattern TOPIC_LITERAL = Pattern.compile("\"whereabouts\\.[a-z0-9.-]+\\.v[0-9]+\"");

    @Test
    void shouldGiveEveryInputTopicADeadLetterTwinInTheCatalogue() {
        List<Topic<?, ?>> inputs =
                Topics.all().stream().filter(t -> t.role() == TopicRole.INPUT).toList();

        assertThat(inputs).isNotEmpty().allSatisfy(input -> {
            Topic<?, ?> twin = input.deadLetters().orElseThrow();
            assertThat(Topics.all()).contains(twin);
            assertThat(twin.role()).isEqualTo(TopicRole.DEAD_LETTER);
            assertThat(twin.name()).endsWith(".dead-letters.v1");
        });
    }

    @Test
    void shouldNameEveryTopicUniquelyWithAVersion() {
        List<String> names = Topics.all().stream().map(Topic::name).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("whereabouts\\..+\\.v[0-9]+"));
        assertThat(Topics.byName("whereabouts.sharing-events.v1")).contains(Topics.SHARING_EVENTS);
    }

    @Test
    void shouldCompactStateTopicsAndKeepEventTopicsForever() {
        assertThat(Topics.LINEAGE.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(Topics.SHARING_EVENTS.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(Topics.SHARING_EVENTS.deadLetters().orElseThrow().configs())
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Topics.DEAD_LETTER_RETENTION.toMillis()));
    }

    @Test
    void shouldRejectAnInputTopicWithoutDeadLetters() {
        assertThatThrownBy(() -> new Topic<>(
                        "whereabouts.x.v1",
                        String.class,
                        String.class,
                        1,
                        CleanupPolicy.DELETE,
                        Optional.empty(),
                        TopicRole.INPUT,
                        Optional.empty(),
                        "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dead-letter twin");
        assertThatThrownBy(() -> new Topic<>(
                        "orders",
                        String.class,
                        String.class,
                        1,
                        CleanupPolicy.DELETE,
                        Optional.empty(),
                        TopicRole.OUTPUT,
                        Optional.empty(),
                        "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whereabouts.<name>.v<N>");
    }

    @Test
    void shouldSpellTopicNamesOnlyInTheCatalogue() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> !p.endsWith(Path.of("dev/whereabouts/model/topic/Topics.java")))
                    .filter(p -> !p.getFileName().toString().endsWith("Test.java"))
                    .filter(p -> {
                        try {
                            Matcher m = TOPIC_LITERAL.matcher(Files.readString(p));
                            while (m.find()) {
                                String literal =
                                        m.group().substring(1, m.group().length() - 1);
                                if (Topics.byName(literal).isPresent()) {
                                    return true;
                                }
                            }
                            return false;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(root::relativize)
                    .map(Path::toString)
                    .toList();
        }

        assertThat(offenders)
                .as("files that spell a topic name instead of using Topics")
                .isEmpty();
    }
}

package dev.whereabouts.model.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One Kafka topic as a typed value: its versioned name, the Java types of its keys and values
 * (from which {@code TopicSerdes} derives the serdes), partitions, cleanup policy and retention.
 * Instances live only in {@link Topics}; no other code spells a topic name.
 *
 * @param name        versioned topic name, e.g. {@code whereabouts.sharing-events.v1}
 * @param keyType     Java type of record keys: {@code String}, {@code byte[]} or an Avro specific record
 * @param valueType   Java type of record values: an Avro specific record
 * @param partitions  default partition count (a deployment may provision more, never fewer)
 * @param cleanup     delete or compact
 * @param retention   how long records are kept; empty means forever
 * @param role        input, output or dead-letter
 * @param deadLetters the dead-letter twin of an input topic; empty for every other topic
 * @param doc         what the topic carries and how it is keyed
 * @param <K>         key type
 * @param <V>         value type
 */
public record Topic<K, V>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        int partitions,
        CleanupPolicy cleanup,
        Optional<Duration> retention,
        TopicRole role,
        Optional<Topic<byte[], dev.whereabouts.model.deadletter.DeadLetter>> deadLetters,
        String doc) {

    private static final Pattern NAME = Pattern.compile("whereabouts(\\.[a-z][a-z0-9-]*)+\\.v[0-9]+");

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(doc, "doc");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("topic name '" + name + "' must look like whereabouts.<name>.v<N>");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
        }
        if (role == TopicRole.INPUT && deadLetters.isEmpty()) {
            throw new IllegalArgumentException("input topic " + name + " needs a dead-letter twin");
        }
        if (role != TopicRole.INPUT && deadLetters.isPresent()) {
            throw new IllegalArgumentException("only input topics have a dead-letter twin, not " + name);
        }
    }

    /** The topic-level configs this topic is created with. */
    public Map<String, String> configs() {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.configValue());
        configs.put(
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retention.map(Duration::toMillis).orElse(-1L)));
        return Map.copyOf(configs);
    }

    @Override
    public String toString() {
        return name;
    }
}

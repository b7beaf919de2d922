package dev.whereabouts.streams.routing;

import dev.whereabouts.streams.identity.SubjectIds;
import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Which partition of the routing topic owns a routing message, and so which task handles it.
 *
 * <p>Identifier and request keys are placed exactly as Kafka's default partitioner places them
 * (murmur2 of the UTF-8 key), so the identity step of a sharing event keyed by its primary
 * pseudonym is owned by the task that already reads the event. Subject keys are placed by their
 * anchor, the pseudonym the subject id was derived from ({@link SubjectIds#anchor}), so a person
 * first seen through an identifier lives in the same task as that identifier. Together these make
 * the common event (a known person, keyed by the identifier that founded them) resolve and apply
 * in the task that read it, with no trip through the routing topic.
 */
public final class RoutePartitioning implements StreamPartitioner<String, Route> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, Route route, int numPartitions) {
        return Optional.of(Set.of(partition(RouteKind.valueOf(route.getKind()), key, numPartitions)));
    }

    /** The routing partition owning {@code key} for a message of {@code kind}. */
    public static int partition(RouteKind kind, String key, int numPartitions) {
        String placed = kind.stage() == RouteKind.Stage.SUBJECT ? SubjectIds.anchor(key) : key;
        return forKey(placed, numPartitions);
    }

    /** Kafka's default partition of a string key (what a producer keyed by {@code key} picks). */
    public static int forKey(String key, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}

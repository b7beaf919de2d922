package dev.whereabouts.streams.routing;

import dev.whereabouts.streams.state.Route;
import dev.whereabouts.streams.state.RouteKind;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The routing stages (identity, subjects, requests) as one processor, so one task owns a routing
 * partition's identifiers, subjects and requests together, and a message for a key this task owns
 * is handled at once, in the same transaction, instead of taking a trip through the routing topic.
 *
 * <p>Every message a stage sends goes through {@link #send}: if {@link RoutePartitioning} places
 * its key on this task's partition, it is queued and handled after the current one (never
 * re-entrantly, so a stage always finishes one message before it sees the next); otherwise it is
 * written to the routing topic, where the owning task picks it up. Messages read from the routing
 * topic were placed there for this task and are handled here. Because a key's owner never changes
 * while the routing topic keeps its partition count (checked at start-up), all of one key's work
 * still happens in exactly one task, in order per sender.
 */
public final class RoutingProcessor implements Processor<String, Route, Object, Object> {

    /**
     * Metrics scope: {@code local-hop-total} and {@code topic-hop-total} per task count the routing
     * messages handled in the task and those written to the routing topic.
     */
    public static final String METRICS_SCOPE = "whereabouts-routing";

    /** Builds a stage around the sender it must route through. */
    public interface StageFactory extends Function<RouteSender, Processor<String, Route, Object, Object>> {}

    private final String routeTopic;
    private final String routeSink;
    private final int routePartitions;
    private final Processor<String, Route, Object, Object> identity;
    private final Processor<String, Route, Object, Object> subjects;
    private final Processor<String, Route, Object, Object> requests;
    private final ArrayDeque<Record<String, Route>> local = new ArrayDeque<>();
    private ProcessorContext<Object, Object> context;
    private int partition;
    private boolean draining;
    private Sensor localHops;
    private Sensor topicHops;

    /**
     * @param routeTopic      the routing topic (messages read from it are this task's)
     * @param routeSink       the sink writing to the routing topic, partitioned by {@link RoutePartitioning}
     * @param routePartitions the routing topic's partition count
     */
    public RoutingProcessor(
            String routeTopic,
            String routeSink,
            int routePartitions,
            StageFactory identity,
            StageFactory subjects,
            StageFactory requests) {
        this.routeTopic = Objects.requireNonNull(routeTopic);
        this.routeSink = Objects.requireNonNull(routeSink);
        if (routePartitions < 1) {
            throw new IllegalArgumentException("routePartitions must be at least 1, got " + routePartitions);
        }
        this.routePartitions = routePartitions;
        this.identity = identity.apply(this::send);
        this.subjects = subjects.apply(this::send);
        this.requests = requests.apply(this::send);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        String task = context.taskId().toString();
        localHops = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "local-hop", Sensor.RecordingLevel.INFO);
        topicHops = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "topic-hop", Sensor.RecordingLevel.INFO);
        identity.init(context);
        subjects.init(context);
        requests.init(context);
    }

    @Override
    public void process(Record<String, Route> record) {
        boolean fromRouteTopic = context.recordMetadata()
                .map(RecordMetadata::topic)
                .map(routeTopic::equals)
                .orElse(false);
        if (fromRouteTopic) {
            local.add(record);
            drain();
        } else {
            send(record.key(), record.value(), record.timestamp());
        }
    }

    /** Routes one message: handled here if this task owns its key, else written to the routing topic. */
    void send(String key, Route route, long timestamp) {
        Record<String, Route> record = new Record<>(key, route, timestamp);
        if (RoutePartitioning.partition(RouteKind.valueOf(route.getKind()), key, routePartitions) == partition) {
            localHops.record();
            local.add(record);
            drain();
        } else {
            topicHops.record();
            context.forward(new Record<Object, Object>(key, route, timestamp), routeSink);
        }
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            Record<String, Route> next;
            while ((next = local.poll()) != null) {
                stage(next.value()).process(next);
            }
        } catch (RuntimeException e) {
            // The transaction is aborted and the input re-read: nothing queued may survive it.
            local.clear();
            throw e;
        } finally {
            draining = false;
        }
    }

    private Processor<String, Route, Object, Object> stage(Route route) {
        return switch (RouteKind.valueOf(route.getKind()).stage()) {
            case IDENTITY -> identity;
            case SUBJECT -> subjects;
            case REQUEST -> requests;
        };
    }

    @Override
    public void close() {
        identity.close();
        subjects.close();
        requests.close();
    }
}

package dev.whereabouts.streams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.config.Setting;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.streams.TopologyConfig;
import dev.whereabouts.streams.app.StreamsApp;
import dev.whereabouts.streams.app.StreamsSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The routing topic's partition count decides which task owns a key, so it must match the setting. */
@ExtendWith(EmbeddedStackExtension.class)
class RouteTopicIT {

    @TempDir
    Path tmp;

    private StackFixture stack;

    @BeforeEach
    void remember(StackFixture stack) {
        this.stack = stack;
    }

    @AfterEach
    void awaitGroupsEmpty() throws Exception {
        StreamsInstances.awaitGroupsEmpty(stack.admin());
    }

    @Test
    void shouldRefuseToStartWhenTheRoutingTopicHasAnotherPartitionCount(StackFixture stack) throws Exception {
        String applicationId = stack.uniqueId("route-mismatch");
        stack.admin()
                .createTopics(List.of(new NewTopic(TopologyConfig.routeTopic(applicationId), 3, (short) 1)))
                .all()
                .get();
        Map<Setting<?>, Object> settings = new HashMap<>(StreamsInstances.settings(
                stack.bootstrapServers(), stack.registryUrl().toString(), applicationId, tmp.resolve("state")));
        settings.put(StreamsSettings.ROUTE_PARTITIONS, "6");

        StreamsApp app = new StreamsApp(new StreamsSettings(settings));
        try {
            assertThatThrownBy(app::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(TopologyConfig.routeTopic(applicationId) + " has 3 partitions")
                    .hasMessageContaining("route.partitions is 6")
                    .hasMessageContaining("set route.partitions=3");
        } finally {
            app.close();
        }
    }

    @Test
    void shouldCreateTheRoutingTopicWithTheConfiguredPartitionCount(StackFixture stack) throws Exception {
        String applicationId = stack.uniqueId("route-create");
        Map<Setting<?>, Object> settings = new HashMap<>(StreamsInstances.settings(
                stack.bootstrapServers(), stack.registryUrl().toString(), applicationId, tmp.resolve("state")));
        settings.put(StreamsSettings.ROUTE_PARTITIONS, "4");

        try (StreamsApp app = new StreamsApp(new StreamsSettings(settings)).start()) {
            String route = TopologyConfig.routeTopic(applicationId);
            assertThat(stack.admin()
                            .describeTopics(List.of(route))
                            .allTopicNames()
                            .get()
                            .get(route)
                            .partitions())
                    .hasSize(4);
        }
    }
}

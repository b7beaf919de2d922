package dev.whereabouts.model.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class LineagePartitionsTest {

    @Test
    void shouldPlaceEveryRecordOfASubjectWhereTheDefaultPartitionerPlacesTheSubjectId() {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String subjectId = "subject-" + i;
            int partition = LineagePartitions.of(subjectId, 6);

            assertThat(partition)
                    .isEqualTo(BuiltInPartitioner.partitionForKey(subjectId.getBytes(StandardCharsets.UTF_8), 6));
            used.add(partition);
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }
}

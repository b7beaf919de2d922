package dev.whereabouts.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeDetailTest {

    @Test
    void shouldReadBackEveryValueOfAnOnwardEdge() {
        EdgeDetail.Detail detail = new EdgeDetail.Detail(
                List.of("smarttrackers-app", "transip-vps-backups"),
                List.of("backup"),
                List.of("LEGITIMATE_INTERESTS"),
                List.of("smarttrackers-app"),
                1_772_442_000_000L,
                1_795_163_400_000L,
                "erased on request",
                "event-1");

        assertThat(EdgeDetail.decode(EdgeDetail.encode(detail))).isEqualTo(detail);
    }

    @Test
    void shouldLeaveEmptyListsAndAbsentValuesOutAndReadThemBackAsEmpty() {
        EdgeDetail.Detail direct = new EdgeDetail.Detail(
                List.of(), List.of("billing"), List.of("CONTRACT"), List.of(), 1L, 2L, null, "event-2");

        String stored = EdgeDetail.encode(direct);

        assertThat(stored)
                .doesNotContain("path")
                .doesNotContain("sourceSystems")
                .doesNotContain("statusReason");
        assertThat(EdgeDetail.decode(stored).path()).isEmpty();
        assertThat(EdgeDetail.decode(stored)).isEqualTo(direct);
    }

    @Test
    void shouldWriteTheSameStringForTheSameValuesSoAReplayChangesNothing() {
        EdgeDetail.Detail detail =
                new EdgeDetail.Detail(null, List.of("a", "b"), List.of("CONTRACT"), null, 1L, 1L, null, "e");

        assertThat(EdgeDetail.encode(detail))
                .isEqualTo(EdgeDetail.encode(EdgeDetail.decode(EdgeDetail.encode(detail))));
    }
}

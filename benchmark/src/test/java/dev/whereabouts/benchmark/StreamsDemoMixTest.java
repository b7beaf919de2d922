package dev.whereabouts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.SharingEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamsDemoMixTest {

    private static List<SharingEvent> mix(int events, int people, long seed) {
        Random random = new Random(seed);
        List<SharingEvent> mix = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            mix.add(StreamsBenchmark.demoMixEvent(i, events, people, random));
        }
        return mix;
    }

    @Test
    void shouldMakeTheSameMixForTheSameSeedSoThatRunsCompare() {
        List<SharingEvent> first = mix(2_000, 100, 42);
        List<SharingEvent> second = mix(2_000, 100, 42);

        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).getIdentifiers()).isEqualTo(first.get(i).getIdentifiers());
            assertThat(second.get(i).getHolder()).isEqualTo(first.get(i).getHolder());
            assertThat(second.get(i).getOccurredAt()).isEqualTo(first.get(i).getOccurredAt());
        }
    }

    @Test
    void shouldSpreadOneDayOfTrafficOverTheSeedHoldersWithAThirdCarryingAPhone() {
        List<SharingEvent> mix = mix(3_000, 200, 42);

        assertThat(mix)
                .allSatisfy(event -> assertThat(event.getOccurredAt())
                        .isBetween(SharingEvents.T0, SharingEvents.T0.plusSeconds(86_400)));
        assertThat(mix.stream().map(SharingEvent::getHolder).distinct())
                .containsExactlyInAnyOrderElementsOf(Set.of(
                        SeedCatalog.POSTMARK,
                        SeedCatalog.GOOGLE_ANALYTICS,
                        SeedCatalog.CAMPAIGN_MONITOR,
                        SeedCatalog.APP,
                        SeedCatalog.ZENDESK,
                        SeedCatalog.AUTHY,
                        SeedCatalog.MONEYBIRD));
        long withPhone =
                mix.stream().filter(e -> e.getIdentifiers().size() == 2).count();
        assertThat(withPhone).isBetween(800L, 1_200L);
        assertThat(mix.stream().filter(e -> e.getHolder().equals(SeedCatalog.POSTMARK)))
                .hasSizeBetween(900, 1_200);
    }
}

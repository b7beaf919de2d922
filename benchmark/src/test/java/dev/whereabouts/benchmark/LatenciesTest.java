package dev.whereabouts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void shouldSummariseWhatWasAddedWithTheNearestRankPercentiles() {
        Latencies latencies = new Latencies();

        for (int i = 100; i >= 1; i--) {
            latencies.add(i);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentiles()).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
    }

    @Test
    void shouldTimeFromAStartToNow() throws Exception {
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        Thread.sleep(20);

        latencies.since(start);

        assertThat(latencies.percentiles().p50()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void shouldKeepEverySampleAddedFromSeveralThreads() throws Exception {
        Latencies latencies = new Latencies();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    latencies.add(1);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(latencies.count()).isEqualTo(40_000);
    }

    @Test
    void shouldRefusePercentilesOfNothing() {
        Latencies latencies = new Latencies();

        assertThat(latencies.isEmpty()).isTrue();
        assertThatThrownBy(latencies::percentiles).hasMessageContaining("no samples");
    }
}

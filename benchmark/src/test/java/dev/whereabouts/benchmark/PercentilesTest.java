package dev.whereabouts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldTakeNearestRankPercentilesOfOneToHundred() {
        double[] samples =
                IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();

        Percentiles p = Percentiles.of(samples);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void shouldGiveTheLargestSampleAsP99OfFewSamples() {
        Percentiles p = Percentiles.of(new double[] {3, 1, 2});

        assertThat(p.p50()).isEqualTo(2);
        assertThat(p.p99()).isEqualTo(3);
    }

    @Test
    void shouldTakeTheNearestRankP95OfTwentySamples() {
        double[] samples = IntStream.rangeClosed(1, 20).mapToDouble(i -> i * 10).toArray();

        Percentiles p = Percentiles.of(samples);

        // rank ceil(0.95 * 20) = 19: the 19th smallest, not an interpolation between 19th and 20th
        assertThat(p.p95()).isEqualTo(190);
    }

    @Test
    void shouldTakeTheOnlySampleForEveryPercentile() {
        Percentiles p = Percentiles.of(new double[] {7.5});

        assertThat(p.p50()).isEqualTo(7.5);
        assertThat(p.p99()).isEqualTo(7.5);
        assertThat(p.max()).isEqualTo(7.5);
    }

    @Test
    void shouldNotChangeTheCallersSamples() {
        double[] samples = {3, 1, 2};

        Percentiles.of(samples);

        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void shouldRefuseNoSamplesAndPercentilesOutOfRange() {
        assertThatThrownBy(() -> Percentiles.of(new double[0])).hasMessageContaining("no samples");
        assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 0)).hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 101)).hasMessageContaining("got 101");
    }
}

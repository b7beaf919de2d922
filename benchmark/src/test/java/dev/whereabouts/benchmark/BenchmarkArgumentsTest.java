package dev.whereabouts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkArgumentsTest {

    @Test
    void shouldDefaultToTheFullRun() {
        BenchmarkArguments args = BenchmarkArguments.parse();

        assertThat(args.events()).isEqualTo(1_000_000);
        assertThat(args.people()).isEqualTo(200_000);
        assertThat(args.phases()).containsExactlyInAnyOrder(Phase.values());
        assertThat(args.out()).isEqualTo(Path.of("target", "benchmark"));
        assertThat(args.needsPlatform()).isTrue();
        assertThat(args.sustained()).isTrue();
    }

    @Test
    void shouldReadEveryOption() {
        BenchmarkArguments args = BenchmarkArguments.parse(
                "--events=50_000",
                "--people=10000",
                "--only=ingest, lookup",
                "--lookups=500",
                "--freshness=20",
                "--requests=30",
                "--steady-rate=2000",
                "--e2e-timeout=600",
                "--out=/tmp/b");

        assertThat(args.events()).isEqualTo(50_000);
        assertThat(args.people()).isEqualTo(10_000);
        assertThat(args.phases()).containsExactlyInAnyOrder(Phase.INGEST, Phase.LOOKUP);
        assertThat(args.lookups()).isEqualTo(500);
        assertThat(args.freshness()).isEqualTo(20);
        assertThat(args.requests()).isEqualTo(30);
        assertThat(args.steadyRate()).isEqualTo(2000);
        assertThat(args.e2eTimeoutS()).isEqualTo(600);
        assertThat(args.out()).isEqualTo(Path.of("/tmp/b"));
        assertThat(args.sustained()).isTrue();
    }

    @Test
    void shouldSkipTheSustainedLoadOnAFlagThatTakesNoValue() {
        BenchmarkArguments args = BenchmarkArguments.parse("--only=e2e", "--no-sustained");

        assertThat(args.sustained()).isFalse();
        assertThat(args.runs(Phase.E2E)).isTrue();
        assertThatThrownBy(() -> BenchmarkArguments.parse("--no-sustained=true"))
                .hasMessage("--no-sustained takes no value: --no-sustained");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--no-sustained", "--no-sustained"))
                .hasMessage("--no-sustained is given twice");
        assertThat(BenchmarkArguments.USAGE).contains("--no-sustained");
    }

    @Test
    void shouldRunOnlyTheIngestWithoutThePlatform() {
        BenchmarkArguments args = BenchmarkArguments.parse("--only=ingest");

        assertThat(args.needsPlatform()).isFalse();
        assertThat(args.needsData()).isFalse();
    }

    @Test
    void shouldLoadDataForALookupEvenWithoutTheEndToEndPhase() {
        BenchmarkArguments args = BenchmarkArguments.parse("--only=lookup");

        assertThat(args.needsData()).isTrue();
        assertThat(args.runs(Phase.E2E)).isFalse();
    }

    @Test
    void shouldNameAnUnknownPhaseAndListTheKnownOnes() {
        assertThatThrownBy(() -> BenchmarkArguments.parse("--only=ingest,lookups"))
                .hasMessage(
                        "--only: unknown phase 'lookups'; phases are ingest, startup, e2e, freshness, lookup, erasure");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--only=ingest,,e2e"))
                .hasMessageStartingWith("--only has an empty phase in 'ingest,,e2e'");
    }

    @Test
    void shouldNameABadNumber() {
        assertThatThrownBy(() -> BenchmarkArguments.parse("--events=1e6"))
                .hasMessage("--events must be a positive whole number, got '1e6'");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--people=-5"))
                .hasMessage("--people must be a positive whole number, got '-5'");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--lookups=0"))
                .hasMessage("--lookups must be between 1 and 2147483647, got '0'");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--events=9999999999"))
                .hasMessage("--events must be between 1 and 2147483647, got '9999999999'");
    }

    @Test
    void shouldNameAnUnknownOptionAMissingValueAndARepeatedOne() {
        assertThatThrownBy(() -> BenchmarkArguments.parse("--event=5"))
                .hasMessageStartingWith("unknown option '--event'; options are --events, --people");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--events"))
                .hasMessage("--events needs a value: --events=...");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--events="))
                .hasMessage("--events needs a value: --events=...");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--events=5", "--events=6"))
                .hasMessage("--events is given twice");
        assertThatThrownBy(() -> BenchmarkArguments.parse("events=5"))
                .hasMessage("unexpected argument 'events=5': options look like --name=value");
    }

    @Test
    void shouldRefuseMorePeopleThanEvents() {
        assertThatThrownBy(() -> BenchmarkArguments.parse("--events=1000", "--people=2000"))
                .hasMessage(
                        "--people (2000) must not exceed --events (1000): every person signs up with an event of their own");
    }
}

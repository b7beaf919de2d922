package dev.whereabouts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkArgumentsTest {

    @Test
    void shouldDefaultToTheFullRun() {
        BenchmarkArguments args = BenchmarkArguments.parse();

        assertThat(args.events()).isEqualTo(1_000_000);
        assertThat(args.people()).isEqualTo(200_000);
        assertThat(args.phases())
                .containsExactlyInAnyOrder(
                        Phase.INGEST, Phase.STARTUP, Phase.E2E, Phase.FRESHNESS, Phase.LOOKUP, Phase.ERASURE);
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
                        "--only: unknown phase 'lookups'; phases are ingest, startup, e2e, freshness, lookup, erasure,"
                                + " streams, graph");
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
        assertThatThrownBy(() -> BenchmarkArguments.parse("--only=ingest", "--only=e2e"))
                .hasMessage("--only is given twice");
        assertThatThrownBy(() -> BenchmarkArguments.parse("events=5"))
                .hasMessage("unexpected argument 'events=5': options look like --name=value");
    }

    @Test
    void shouldRefuseMorePeopleThanEvents() {
        assertThatThrownBy(() -> BenchmarkArguments.parse("--events=1000", "--people=2000"))
                .hasMessage(
                        "--people (2000) must not exceed --events (1000): every person signs up with an event of their own");
    }

    @Test
    void shouldRunTheStreamsAndGraphPhasesOnlyWhenAskedFor() {
        BenchmarkArguments args = BenchmarkArguments.parse("--only=streams,graph", "--events=5000", "--people=500");

        assertThat(args.phases()).containsExactlyInAnyOrder(Phase.STREAMS, Phase.GRAPH);
        assertThat(args.needsPlatform()).isFalse();
        assertThat(args.needsData()).isFalse();
        assertThat(args.runningStack()).isEmpty();
        assertThat(BenchmarkArguments.parse().runs(Phase.STREAMS)).isFalse();
        assertThat(BenchmarkArguments.parse().runs(Phase.GRAPH)).isFalse();
    }

    @Test
    void shouldReadTheStreamsAndGraphOptions() {
        BenchmarkArguments args = BenchmarkArguments.parse(
                "--only=graph,streams",
                "--threads=4",
                "--commit-interval-ms=1000",
                "--subjects=2000",
                "--edges=3",
                "--prefix=run-e",
                "--skip-load=true",
                "--bootstrap=127.0.0.1:39092",
                "--registry=http://127.0.0.1:38081",
                "--bolt=bolt://127.0.0.1:37687");

        assertThat(args.threads()).isEqualTo(4);
        assertThat(args.commitIntervalMs()).contains(1000);
        assertThat(args.graph()).isEqualTo(new BenchmarkArguments.GraphSize(2000, 3, 6000, "run-e", true));
        assertThat(args.runningStack())
                .contains(new StackAddress(
                        "127.0.0.1:39092", URI.create("http://127.0.0.1:38081"), URI.create("bolt://127.0.0.1:37687")));
    }

    @Test
    void shouldDefaultTheGraphSizeToTheLookupBar() {
        BenchmarkArguments.GraphSize size =
                BenchmarkArguments.parse("--only=graph").graph();

        assertThat(size).isEqualTo(new BenchmarkArguments.GraphSize(1_000_000, 5, 1_000_000, "bench", false));
        assertThat(BenchmarkArguments.parse("--only=streams").commitIntervalMs())
                .isEmpty();
        assertThat(BenchmarkArguments.parse("--only=streams").threads()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAHalfGivenRunningStack() {
        assertThatThrownBy(() -> BenchmarkArguments.parse("--only=streams", "--bootstrap=127.0.0.1:9092"))
                .hasMessage("--bootstrap names a running stack: give its --registry too");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--only=graph", "--registry=http://127.0.0.1:8081"))
                .hasMessage("--registry and --bolt name a running stack: give its --bootstrap too");
        assertThatThrownBy(() -> BenchmarkArguments.parse(
                        "--only=graph", "--bootstrap=127.0.0.1:9092", "--registry=http://127.0.0.1:8081"))
                .hasMessage("the graph phase on a running stack needs its --bolt too");
        assertThatThrownBy(() -> BenchmarkArguments.parse("--only=graph", "--skip-load"))
                .hasMessageStartingWith("--skip-load measures subjects loaded before");
    }

    @Test
    void shouldListEveryOptionOfEveryPhaseInTheHelp() {
        BenchmarkArguments args = BenchmarkArguments.parse("--help");

        assertThat(args.helpRequested()).isTrue();
        assertThat(BenchmarkArguments.USAGE)
                .contains(
                        "--events",
                        "--people",
                        "--only",
                        "--lookups",
                        "--freshness",
                        "--requests",
                        "--steady-rate",
                        "--e2e-timeout",
                        "--no-sustained",
                        "--out",
                        "--threads",
                        "--commit-interval-ms",
                        "--subjects",
                        "--edges",
                        "--baseline-rows",
                        "--prefix",
                        "--skip-load",
                        "--bootstrap",
                        "--registry",
                        "--bolt",
                        "--help");
        for (Phase phase : Phase.values()) {
            assertThat(BenchmarkArguments.USAGE).contains("  " + phase.option() + " ");
        }
    }
}

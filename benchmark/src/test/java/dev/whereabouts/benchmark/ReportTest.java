package dev.whereabouts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private final Machine machine = new Machine(2, 24L << 30, "Linux 6.18", "17.0.15 (Eclipse Adoptium)");

    private Report report() {
        Result plain = Result.rate(
                        "Plain producer", 464_765.4, Double.NaN, "events/s", "reference 200k-390k/s", Verdict.NO_BAR)
                .withLoad(2.25);
        Result emitter = Result.rate("Emitter → Kafka", 299_695, 464_765.4, "events/s", ">= 100,000/s", Verdict.MET)
                .withLoad(2.5)
                .withNote("raw e-mail in");
        Result lookup = Result.latency(
                "DPO lookup | HTTP",
                new Percentiles(100, 3.456, 31.2, 250),
                new Percentiles(100, 0.9, 5.4, 9),
                "p50 <= 5 ms, p99 <= 25 ms",
                Verdict.NOT_MET);
        return new Report(
                "2026-11-25T06:40:00Z",
                machine,
                new double[] {1.5, 0.54, 1.05},
                new double[] {3, 2, Double.NaN},
                "--events=50000",
                List.of(plain, emitter, lookup));
    }

    @Test
    void shouldWriteTheMarkdownTableWithMachineLoadAndVerdicts() {
        String md = report().markdown();

        assertThat(md)
                .contains("Run 2026-11-25T06:40:00Z on 2 cores, 24.0 GiB, Linux 6.18, Java 17.0.15 (Eclipse Adoptium).")
                .contains("Arguments: `--events=50000`.")
                .contains("Load average (1 / 5 / 15 min): 1.50 / 0.54 / 1.05 at the start, 3.00 / 2.00 / ? at the end.")
                .contains("| what | measured | ceiling (same run) | ratio | bar | verdict | load |")
                .contains("| Plain producer | 464,765 events/s | — | — | reference 200k-390k/s | — | 2.3 |")
                .contains("| Emitter → Kafka | 299,695 events/s | 464,765 events/s | 0.64 | >= 100,000/s | met | 2.5 |")
                .contains("| DPO lookup \\| HTTP | p50 3.46 ms, p99 31.20 ms | p50 0.90 ms, p99 5.40 ms | 3.84 / 5.78 |"
                        + " p50 <= 5 ms, p99 <= 25 ms | **not met** | — |")
                .contains("- Emitter → Kafka: raw e-mail in");
    }

    @Test
    void shouldWriteJsonWithNumbersAndNullsWhereThereAreNone() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report().json());

        assertThat(json.get("date").asText()).isEqualTo("2026-11-25T06:40:00Z");
        assertThat(json.at("/machine/cores").asInt()).isEqualTo(2);
        assertThat(json.at("/machine/kernel").asText()).isEqualTo("Linux 6.18");
        assertThat(json.at("/loadAverageStart/0").asDouble()).isEqualTo(1.5);
        assertThat(json.at("/loadAverageEnd/2").isNull()).isTrue();
        JsonNode results = json.get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("met").isNull()).isTrue();
        assertThat(results.get(0).at("/numbers/ceiling").isNull()).isTrue();
        assertThat(results.get(1).get("verdict").asText()).isEqualTo("met");
        assertThat(results.get(1).at("/numbers/ratio").asDouble())
                .isCloseTo(0.6448, org.assertj.core.data.Offset.offset(0.001));
        assertThat(results.get(2).get("met").asBoolean()).isFalse();
        assertThat(results.get(2).get("verdict").asText()).isEqualTo("not met");
        assertThat(results.get(2).at("/numbers/p99_ms").asDouble()).isEqualTo(31.2);
        assertThat(results.get(2).get("loadAverage").isNull()).isTrue();
    }

    @Test
    void shouldReportAPagesP50AndP95AgainstItsBar() {
        Percentiles millis = Percentiles.of(java.util.stream.IntStream.rangeClosed(1, 100)
                .mapToDouble(i -> i * 3)
                .toArray());

        Result page = Result.pageLatency("Console: home", millis, "p95 <= 200 ms", Verdict.of(millis.p95() <= 200));

        assertThat(page.measured()).isEqualTo("p50 150 ms, p95 285 ms");
        assertThat(page.verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(page.ceiling()).isEqualTo(Result.NONE);
        assertThat(page.numbers()).containsEntry("p95_ms", 285.0).containsEntry("p99_ms", 297.0);
    }

    @Test
    void shouldFormatUnits() {
        assertThat(Report.count(1_234_567.4)).isEqualTo("1,234,567");
        assertThat(Report.millis(4.5)).isEqualTo("4.50 ms");
        assertThat(Report.millis(1234.5)).isEqualTo("1,235 ms");
        assertThat(Report.mebibytes(3L << 20)).isEqualTo("3 MiB");
        assertThat(Report.gibibytes(3L << 29)).isEqualTo("1.50 GiB");
        assertThat(Report.ratio(Double.NaN)).isEqualTo("—");
    }
}

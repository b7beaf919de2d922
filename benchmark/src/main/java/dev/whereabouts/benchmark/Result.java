package dev.whereabouts.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the report: a measurement next to the ceiling measured in the same run, their ratio,
 * the SPEC bar and whether it is met.
 *
 * @param name     what was measured
 * @param measured the measurement, formatted with its unit
 * @param ceiling  the same-run ceiling, formatted ("—" when there is none)
 * @param ratio    measured / ceiling, formatted ("—" when there is no ceiling)
 * @param bar      the SPEC bar, in words ("—" when there is none)
 * @param verdict  whether the bar is met
 * @param note     how it was measured and anything that qualifies the number (may be empty)
 * @param load     the 1-minute load average when the measurement ended (NaN when unknown)
 * @param numbers  the raw numbers, for the JSON report (name to value; NaN for none)
 */
record Result(
        String name,
        String measured,
        String ceiling,
        String ratio,
        String bar,
        Verdict verdict,
        String note,
        double load,
        Map<String, Double> numbers) {

    static final String NONE = "—";

    Result {
        numbers = Map.copyOf(numbers);
    }

    /** A rate, e.g. events/s, with its ceiling in the same unit (NaN when there is none). */
    static Result rate(String name, double value, double ceiling, String unit, String bar, Verdict verdict) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("value", value);
        numbers.put("ceiling", ceiling);
        numbers.put("ratio", ratio(value, ceiling));
        return new Result(
                name,
                Report.count(value) + " " + unit,
                Double.isNaN(ceiling) ? NONE : Report.count(ceiling) + " " + unit,
                Double.isNaN(ceiling) ? NONE : Report.ratio(ratio(value, ceiling)),
                bar,
                verdict,
                "",
                Double.NaN,
                numbers);
    }

    /** Latency percentiles in milliseconds, with the ceiling's percentiles when there is one (else null). */
    static Result latency(String name, Percentiles millis, Percentiles ceilingMillis, String bar, Verdict verdict) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("samples", (double) millis.count());
        numbers.put("p50_ms", millis.p50());
        numbers.put("p99_ms", millis.p99());
        numbers.put("max_ms", millis.max());
        String ceiling = NONE;
        String ratio = NONE;
        if (ceilingMillis != null) {
            numbers.put("ceiling_p50_ms", ceilingMillis.p50());
            numbers.put("ceiling_p99_ms", ceilingMillis.p99());
            ceiling = "p50 " + Report.millis(ceilingMillis.p50()) + ", p99 " + Report.millis(ceilingMillis.p99());
            ratio = Report.ratio(ratio(millis.p50(), ceilingMillis.p50())) + " / "
                    + Report.ratio(ratio(millis.p99(), ceilingMillis.p99()));
        }
        return new Result(
                name,
                "p50 " + Report.millis(millis.p50()) + ", p99 " + Report.millis(millis.p99()),
                ceiling,
                ratio,
                bar,
                verdict,
                "",
                Double.NaN,
                numbers);
    }

    /** Page latency: p50 and p95 in milliseconds (p99 and max in the JSON), no ceiling. */
    static Result pageLatency(String name, Percentiles millis, String bar, Verdict verdict) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("samples", (double) millis.count());
        numbers.put("p50_ms", millis.p50());
        numbers.put("p95_ms", millis.p95());
        numbers.put("p99_ms", millis.p99());
        numbers.put("max_ms", millis.max());
        return new Result(
                name,
                "p50 " + Report.millis(millis.p50()) + ", p95 " + Report.millis(millis.p95()),
                NONE,
                NONE,
                bar,
                verdict,
                "",
                Double.NaN,
                numbers);
    }

    /** A single value with its own formatting, e.g. a duration or a memory size. */
    static Result single(String name, String measured, double value, String bar, Verdict verdict) {
        return new Result(name, measured, NONE, NONE, bar, verdict, "", Double.NaN, Map.of("value", value));
    }

    Result withNote(String text) {
        return new Result(name, measured, ceiling, ratio, bar, verdict, text, load, numbers);
    }

    Result withLoad(double loadAverage) {
        return new Result(name, measured, ceiling, ratio, bar, verdict, note, loadAverage, numbers);
    }

    static double ratio(double value, double ceiling) {
        return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : value / ceiling;
    }
}

package dev.whereabouts.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A finished run: when, where, under which load, with which arguments, and every result, as the
 * Markdown table and the JSON document written to {@code results.md} and {@code results.json}.
 *
 * @param date      when the run started (ISO-8601)
 * @param machine   the machine
 * @param loadStart load averages (1, 5, 15 min) at the start
 * @param loadEnd   load averages at the end
 * @param arguments the run's arguments, as given
 * @param results   every row, in order
 */
record Report(
        String date, Machine machine, double[] loadStart, double[] loadEnd, String arguments, List<Result> results) {

    Report {
        results = List.copyOf(results);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(date).append(" on ").append(machine.describe()).append(".\n");
        md.append("Arguments: `")
                .append(arguments.isBlank() ? "(defaults)" : arguments)
                .append("`.\n");
        md.append("Load average (1 / 5 / 15 min): ")
                .append(load(loadStart))
                .append(" at the start, ")
                .append(load(loadEnd))
                .append(" at the end.\n\n");
        md.append("| what | measured | ceiling (same run) | ratio | bar | verdict | load |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            md.append("| ")
                    .append(cell(result.name()))
                    .append(" | ")
                    .append(cell(result.measured()))
                    .append(" | ")
                    .append(cell(result.ceiling()))
                    .append(" | ")
                    .append(cell(result.ratio()))
                    .append(" | ")
                    .append(cell(result.bar()))
                    .append(" | ")
                    .append(verdictCell(result.verdict()))
                    .append(" | ")
                    .append(
                            Double.isNaN(result.load())
                                    ? Result.NONE
                                    : String.format(Locale.ROOT, "%.1f", result.load()))
                    .append(" |\n");
        }
        List<String> notes = new ArrayList<>();
        for (Result result : results) {
            if (!result.note().isBlank()) {
                notes.add("- " + result.name() + ": " + result.note());
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n").append(String.join("\n", notes)).append("\n");
        }
        return md.toString();
    }

    String json() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", date);
        Map<String, Object> machineJson = new LinkedHashMap<>();
        machineJson.put("cores", machine.cores());
        machineJson.put("memoryBytes", machine.memoryBytes());
        machineJson.put("kernel", machine.kernel());
        machineJson.put("java", machine.java());
        document.put("machine", machineJson);
        document.put("loadAverageStart", numbers(loadStart));
        document.put("loadAverageEnd", numbers(loadEnd));
        document.put("arguments", arguments);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result result : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", result.name());
            row.put("measured", result.measured());
            row.put("ceiling", result.ceiling());
            row.put("ratio", result.ratio());
            row.put("bar", result.bar());
            row.put("verdict", result.verdict().words());
            row.put("met", result.verdict() == Verdict.NO_BAR ? null : result.verdict() == Verdict.MET);
            row.put("loadAverage", finite(result.load()));
            Map<String, Object> values = new LinkedHashMap<>();
            result.numbers().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> values.put(e.getKey(), finite(e.getValue())));
            row.put("numbers", values);
            row.put("note", result.note());
            rows.add(row);
        }
        document.put("results", rows);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the JSON report", e);
        }
    }

    private static String verdictCell(Verdict verdict) {
        return verdict == Verdict.NOT_MET ? "**not met**" : verdict.words();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String load(double[] load) {
        List<String> parts = new ArrayList<>();
        for (double value : load) {
            parts.add(Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.2f", value));
        }
        return String.join(" / ", parts);
    }

    private static List<Object> numbers(double[] values) {
        List<Object> list = new ArrayList<>();
        for (double value : values) {
            list.add(finite(value));
        }
        return list;
    }

    private static Object finite(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    /** A count or rate without decimals and with thousands separators: 1,234,567. */
    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Milliseconds: two decimals below 100 ms, none above. */
    static String millis(double value) {
        return value < 100
                ? String.format(Locale.ROOT, "%.2f ms", value)
                : String.format(Locale.ROOT, "%,.0f ms", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) ? Result.NONE : String.format(Locale.ROOT, "%.2f", value);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    static String gibibytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}

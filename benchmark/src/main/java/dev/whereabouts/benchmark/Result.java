package dev.whereabouts.benchmark;

/**
 * One measured number next to its bar and the ceiling measured in the same run.
 *
 * @param name     what was measured
 * @param value    the measurement
 * @param unit     its unit, e.g. events/s
 * @param ceiling  the same-run ceiling it is compared with (NaN when there is none)
 * @param bar      the SPEC bar, in words
 * @param met      whether the bar is met
 */
record Result(String name, double value, String unit, double ceiling, String bar, boolean met) {

    double ratio() {
        return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : value / ceiling;
    }

    String markdownRow() {
        return String.format("| %s | %,.0f %s | %s | %s | %s | %s |", name, value, unit,
                Double.isNaN(ceiling) ? "—" : String.format("%,.0f %s", ceiling, unit),
                Double.isNaN(ratio()) ? "—" : String.format("%.2f", ratio()), bar, met ? "met" : "**not met**");
    }

    String json() {
        return String.format(java.util.Locale.ROOT,
                "{\"name\":\"%s\",\"value\":%.1f,\"unit\":\"%s\",\"ceiling\":%s,\"ratio\":%s,\"bar\":\"%s\",\"met\":%b}",
                name, value, unit, Double.isNaN(ceiling) ? "null" : String.format(java.util.Locale.ROOT, "%.1f", ceiling),
                Double.isNaN(ratio()) ? "null" : String.format(java.util.Locale.ROOT, "%.3f", ratio()), bar, met);
    }
}

package dev.whereabouts.graph.ropa;

import java.util.List;
import java.util.function.Function;

/**
 * Renders the record of processing activities as CSV (RFC 4180, one row per holder, lists joined
 * with "; ") and as a Markdown table. Pure, unit-tested.
 */
public final class RopaFormats {

    private static final List<String> HEADER = List.of(
            "holder",
            "name",
            "legal entity",
            "country",
            "third country",
            "role",
            "in catalog",
            "purposes",
            "declared categories",
            "observed categories",
            "retention",
            "legal holds",
            "onward flows",
            "erasure channel");

    private static final List<Function<RopaEntry, String>> COLUMNS = List.of(
            RopaEntry::holder,
            RopaEntry::displayName,
            RopaEntry::legalEntity,
            RopaEntry::country,
            e -> e.thirdCountry() ? "yes" : "no",
            RopaEntry::role,
            e -> e.declared() ? "yes" : "no",
            e -> join(e.purposes()),
            e -> join(e.declaredCategories()),
            e -> join(e.observedCategories()),
            e -> join(e.retention()),
            e -> join(e.legalHolds()),
            e -> join(e.onwardTo()),
            RopaEntry::erasureChannel);

    private RopaFormats() {}

    public static String csv(List<RopaEntry> entries) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", HEADER.stream().map(RopaFormats::csvField).toList()))
                .append("\r\n");
        for (RopaEntry entry : entries) {
            csv.append(String.join(
                            ",",
                            COLUMNS.stream().map(c -> csvField(c.apply(entry))).toList()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    public static String markdown(List<RopaEntry> entries, String controller) {
        StringBuilder md = new StringBuilder();
        md.append("# Record of processing activities (GDPR Art. 30)\n\n")
                .append("Controller: ")
                .append(markdownCell(controller))
                .append("\n\n")
                .append("Generated from the catalog (declared) and the observed lineage.\n\n");
        md.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        md.append("|").append("---|".repeat(HEADER.size())).append("\n");
        for (RopaEntry entry : entries) {
            md.append("| ")
                    .append(String.join(
                            " | ",
                            COLUMNS.stream()
                                    .map(c -> markdownCell(c.apply(entry)))
                                    .toList()))
                    .append(" |\n");
        }
        return md.toString();
    }

    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        // A leading =, +, - or @ makes spreadsheets evaluate the cell; quote-prefix it (CSV injection).
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    static String markdownCell(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("\r", " ")
                .replace("\n", "<br>");
    }

    private static String join(List<String> values) {
        return String.join("; ", values);
    }
}

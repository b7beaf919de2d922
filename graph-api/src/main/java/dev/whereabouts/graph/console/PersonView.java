package dev.whereabouts.graph.console;

import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.lookup.Location;
import dev.whereabouts.graph.request.RequestRepository;
import dev.whereabouts.graph.schema.LegalHolds;
import dev.whereabouts.model.dsr.RequestLifecycle;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.lineage.LineageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the person's page shows, built from what the audited read found: per category a table of
 * every holder (direct and onward) with the filters applied, the person's requests, the graph's
 * elements and the request form's choices. Pure: the same inputs always give the same page.
 *
 * @param subjectId      the person's pseudonymous id
 * @param holdersTotal   (category, holder) rows before the filters
 * @param holdersShown   rows the filters let through
 * @param filtered       whether a filter is set
 * @param categories     one table per category with rows, in category order
 * @param categoryFilter the category filter's choices (the person's categories)
 * @param statusFilter   the status filter's choices
 * @param graphJson      the graph's elements as JSON for {@code graph.js}
 * @param openRequests   the person's requests still open, oldest first
 * @param pastRequests   the person's finished requests, oldest first
 * @param requestTypes   every request type, for the filing form
 * @param scopeChoices   the person's categories, for the filing form's scope
 * @param auditId        the audit entry of this view
 */
public record PersonView(
        String subjectId,
        int holdersTotal,
        int holdersShown,
        boolean filtered,
        List<CategoryTable> categories,
        List<Choice> categoryFilter,
        List<Choice> statusFilter,
        String graphJson,
        List<RequestRow> openRequests,
        List<RequestRow> pastRequests,
        List<Choice> requestTypes,
        List<Choice> scopeChoices,
        String auditId) {

    /** A choice in a select or a checkbox list. */
    public record Choice(String value, String label, boolean selected) {}

    /** The holders of one category. */
    public record CategoryTable(String category, List<HolderRow> rows) {

        public int count() {
            return rows.size();
        }
    }

    /**
     * One holder of one category.
     *
     * @param route          {@code direct}, or {@code onward via} the holders it travelled through
     * @param retention      how long it may stay, in words; a date already past reads as expired
     * @param retentionEnded the retention date is past
     * @param legalHolds     the holder's legal holds covering this category, in words; empty when none
     */
    public record HolderRow(
            String category,
            String holder,
            String name,
            String legalEntity,
            String country,
            String role,
            boolean direct,
            boolean backup,
            String route,
            String purposes,
            String legalBases,
            String sourceSystems,
            String firstShared,
            String lastShared,
            String retention,
            boolean retentionEnded,
            String status,
            String statusReason,
            List<String> legalHolds,
            String expiresBy) {

        public boolean hasLegalHolds() {
            return !legalHolds.isEmpty();
        }
    }

    /** One of the person's requests. */
    public record RequestRow(String requestId, String type, String state, String receivedOn, String link) {}

    /** The filters of the table and the graph: a category and a status, each optional. */
    public record Filters(Optional<String> category, Optional<String> status) {

        public static final Filters NONE = new Filters(Optional.empty(), Optional.empty());

        boolean admits(Location location) {
            return category.map(c -> c.equals(location.category())).orElse(true)
                    && status.map(s -> s.equals(statusOf(location))).orElse(true);
        }

        boolean any() {
            return category.isPresent() || status.isPresent();
        }
    }

    public boolean hasHolders() {
        return holdersTotal > 0;
    }

    public boolean hasShown() {
        return holdersShown > 0;
    }

    public boolean hasOpenRequests() {
        return !openRequests.isEmpty();
    }

    public boolean hasPastRequests() {
        return !pastRequests.isEmpty();
    }

    public String reportHtml() {
        return "/console/people/" + subjectId + "/report.html";
    }

    public String reportPdf() {
        return "/console/people/" + subjectId + "/report.pdf";
    }

    public String exportJson() {
        return "/console/people/" + subjectId + "/export.json";
    }

    /**
     * The page of {@code subjectId} as of {@code now}.
     *
     * @param locations every (category, holder) of the person, sorted by category then holder
     * @param keeping   the catalog's word on those holders, by id
     * @param requests  the person's requests as {@code RequestRepository.forSubjects} reads them
     * @param expiring  the copies their erasures left to expire by themselves
     * @param graphJson turns the graph's elements into JSON safe in the page
     */
    public static PersonView of(
            String subjectId,
            List<Location> locations,
            Map<String, HolderRepository.Keeping> keeping,
            List<Map<String, Object>> requests,
            List<RequestRepository.ExpiringCopy> expiring,
            Filters filters,
            Instant now,
            String auditId,
            Function<Object, String> graphJson) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Location location : locations) {
            names.put(location.holder(), location.displayName() == null ? location.holder() : location.displayName());
        }
        List<Location> shown = locations.stream().filter(filters::admits).toList();
        Map<String, List<HolderRow>> byCategory = new LinkedHashMap<>();
        for (Location location : shown) {
            byCategory
                    .computeIfAbsent(location.category(), k -> new ArrayList<>())
                    .add(row(location, names, keeping.get(location.holder()), expiresBy(location, expiring), now));
        }
        List<CategoryTable> tables = new ArrayList<>();
        byCategory.forEach((category, rows) -> tables.add(new CategoryTable(category, List.copyOf(rows))));

        TreeSet<String> categories = new TreeSet<>();
        locations.forEach(l -> categories.add(l.category()));
        List<Choice> categoryFilter = new ArrayList<>();
        List<Choice> scopeChoices = new ArrayList<>();
        for (String category : categories) {
            categoryFilter.add(new Choice(
                    category, category, filters.category().map(category::equals).orElse(false)));
            scopeChoices.add(new Choice(category, category, false));
        }
        List<Choice> statusFilter = new ArrayList<>();
        for (LineageStatus status : LineageStatus.values()) {
            statusFilter.add(new Choice(
                    status.name(),
                    HomePage.words(status.name()),
                    filters.status().map(status.name()::equals).orElse(false)));
        }
        List<RequestRow> open = new ArrayList<>();
        List<RequestRow> past = new ArrayList<>();
        for (Map<String, Object> request : requests) {
            String id = (String) request.get("requestId");
            String state = (String) request.get("state");
            Object received = request.get("receivedAt");
            RequestRow row = new RequestRow(
                    id,
                    (String) request.get("type"),
                    state,
                    received == null ? null : Formats.date(Instant.parse(received.toString())),
                    "/console/requests/" + id);
            if (state != null && RequestLifecycle.isFinished(RequestState.valueOf(state))) {
                past.add(row);
            } else {
                open.add(row);
            }
        }
        List<Choice> types = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            types.add(new Choice(type.name(), typeInWords(type), false));
        }
        return new PersonView(
                subjectId,
                locations.size(),
                shown.size(),
                filters.any(),
                tables,
                categoryFilter,
                statusFilter,
                graphJson.apply(LineageGraph.of("This person", shown, keeping)),
                open,
                past,
                types,
                scopeChoices,
                auditId);
    }

    /** A request type as the DPO knows it: {@code Erasure (Art. 17)}. */
    static String typeInWords(RequestType type) {
        return switch (type) {
            case ACCESS -> "Access (Art. 15)";
            case PORTABILITY -> "Portability (Art. 20)";
            case ERASURE -> "Erasure (Art. 17)";
            case RESTRICTION -> "Restriction (Art. 18)";
            case OBJECTION -> "Objection (Art. 21)";
            case RECTIFICATION -> "Rectification (Art. 16)";
        };
    }

    /**
     * How long the data may stay, in words: a date still ahead is {@code kept until}; a date already past
     * is {@code expired}, and data still held past it {@code should be gone}.
     */
    static String retentionInWords(Location location, Instant now) {
        Instant until = location.retentionUntil();
        if (until == null) {
            return "no retention declared";
        }
        if (until.isAfter(now)) {
            return "kept until " + Formats.date(until);
        }
        String expired = "expired " + Formats.date(until);
        return switch (statusOf(location)) {
            case "HELD" -> expired + ": should be gone";
            case "RESTRICTED" -> expired + "; kept only under the restriction";
            default -> expired;
        };
    }

    /** The holder's legal holds covering the location's category, in words. */
    static List<String> legalHolds(Location location, HolderRepository.Keeping kept) {
        if (kept == null) {
            return List.of();
        }
        List<String> holds = new ArrayList<>();
        for (LegalHolds.Hold hold : kept.legalHolds()) {
            boolean covers = hold.categories().stream()
                    .anyMatch(c ->
                            CategoryKey.covers(c, location.category()) || CategoryKey.covers(location.category(), c));
            if (covers) {
                holds.add(hold.reason() + " (" + hold.period()
                        + (hold.legalReference() == null ? "" : ", " + hold.legalReference()) + ")");
            }
        }
        return holds;
    }

    /**
     * When a copy still held is gone by itself, if an erasure named it: the latest date any EXPIRES task
     * gives for its holder and category; null otherwise.
     */
    static Instant expiresBy(Location location, List<RequestRepository.ExpiringCopy> expiring) {
        if (!LineageStatus.HELD.name().equals(statusOf(location))) {
            return null;
        }
        Instant latest = null;
        for (RequestRepository.ExpiringCopy copy : expiring) {
            boolean covers = copy.holder().equals(location.holder())
                    && (copy.categories().isEmpty()
                            || copy.categories().stream().anyMatch(c -> CategoryKey.covers(c, location.category())));
            if (covers && (latest == null || copy.expiresAt().isAfter(latest))) {
                latest = copy.expiresAt();
            }
        }
        return latest;
    }

    private static HolderRow row(
            Location location,
            Map<String, String> names,
            HolderRepository.Keeping kept,
            Instant expiresBy,
            Instant now) {
        List<String> via = LineageGraph.via(location);
        String route = location.direct() || via.isEmpty()
                ? "direct"
                : "onward via "
                        + String.join(
                                " \u2192 ",
                                via.stream()
                                        .map(hop -> names.getOrDefault(hop, hop))
                                        .toList());
        Instant until = location.retentionUntil();
        return new HolderRow(
                location.category(),
                location.holder(),
                names.get(location.holder()),
                location.legalEntity(),
                location.country(),
                location.role(),
                location.direct(),
                kept != null && kept.isBackup(),
                route,
                String.join(", ", location.purposes()),
                String.join(", ", location.legalBases()),
                String.join(", ", location.sourceSystems()),
                Formats.date(location.firstSharedAt()),
                Formats.date(location.lastSharedAt()),
                retentionInWords(location, now),
                until != null && !until.isAfter(now),
                statusOf(location),
                location.statusReason(),
                legalHolds(location, kept),
                Formats.date(expiresBy));
    }

    static String statusOf(Location location) {
        return location.status() == null ? LineageStatus.HELD.name() : location.status();
    }
}

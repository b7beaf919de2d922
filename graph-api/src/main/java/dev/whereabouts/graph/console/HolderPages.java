package dev.whereabouts.graph.console;

import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.findings.FindingRepository;
import dev.whereabouts.graph.holder.DeclaredHolder;
import dev.whereabouts.graph.holder.FlowView;
import dev.whereabouts.graph.holder.HolderDetail;
import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.ropa.RopaEntry;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.schema.LegalHolds;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The console's holders and catalog: every holder the catalog declares or lineage names (those only
 * lineage names marked as such), with the declared onward flows drawn as a graph and listed; and one
 * holder in full: who runs it, purposes, retention per category, legal holds, erasure channel, how
 * many people's data of each category it holds, its open findings, and its flows in and out. Reads
 * through {@link HolderRepository} and {@link FindingRepository}, as the REST API's holders do; the
 * counts that grow with the graph through {@link ConsoleCounts} (live while small, else the background
 * count, saying when it was taken).
 */
public final class HolderPages implements Console.Section {

    /** Holders listed at most (a catalog has tens). */
    static final int MAX_HOLDERS = Pagination.MAX_LIMIT;

    /** Finding groups shown on a holder's page; the findings page filtered by the holder has them all. */
    static final int FIRST_GROUPS = 10;

    private final GraphTransactions graph;
    private final ConsoleCounts counts;
    private final HolderRepository holders = new HolderRepository();

    public HolderPages(GraphTransactions graph, ConsoleCounts counts) {
        this.graph = graph;
        this.counts = counts;
    }

    @Override
    public List<Endpoint> routes(Console console) {
        return List.of(
                console.page("/holders", request -> list(console, request)),
                console.page("/holders/{holderId}", request -> holder(console, request)));
    }

    /** One holder in the list. */
    public record HolderRow(
            String id,
            String link,
            String name,
            boolean declared,
            String legalEntity,
            String country,
            boolean thirdCountry,
            String role,
            String purposes,
            String erasureChannel,
            long openFindings,
            String findingsLink) {}

    /** One declared flow in the table under the drawing. */
    public record FlowRow(
            String id,
            String from,
            String fromLink,
            String to,
            String toLink,
            String categories,
            String retention,
            String purpose,
            String description) {}

    /** The list page. */
    public record HolderList(
            List<HolderRow> holders,
            long declaredCount,
            long undeclaredCount,
            boolean truncated,
            int maxHolders,
            List<FlowRow> flows,
            String graphJson,
            String findingsCounted,
            boolean findingsCounting) {

        public boolean hasHolders() {
            return !holders.isEmpty();
        }

        public boolean hasFlows() {
            return !flows.isEmpty();
        }
    }

    private Response list(Console console, ConsoleRequest request) {
        Instant now = console.clock().instant();
        HolderList model = graph.read(tx -> {
            List<DeclaredHolder> catalog = holders.catalog(tx, MAX_HOLDERS + 1);
            boolean truncated = catalog.size() > MAX_HOLDERS;
            List<DeclaredHolder> shown = truncated ? catalog.subList(0, MAX_HOLDERS) : catalog;
            Optional<ConsoleCounts.Counted<Map<String, Long>>> openCounted = counts.openPerHolder(
                    tx, shown.stream().map(DeclaredHolder::id).toList());
            Map<String, Long> open =
                    openCounted.map(ConsoleCounts.Counted::value).orElse(Map.of());
            List<FlowView> flows = holders.flows(tx, MAX_HOLDERS);
            Map<String, DeclaredHolder> byId =
                    catalog.stream().collect(Collectors.toMap(DeclaredHolder::id, Function.identity()));
            List<HolderRow> rows = shown.stream()
                    .map(h -> new HolderRow(
                            h.id(),
                            holderLink(h.id()),
                            h.displayName() == null ? h.id() : h.displayName(),
                            h.declared(),
                            h.legalEntity(),
                            h.country(),
                            RopaEntry.outsideEea(h.country()),
                            h.role(),
                            String.join(", ", h.purposes()),
                            h.erasureChannel(),
                            open.getOrDefault(h.id(), 0L),
                            findingsLink(h.id())))
                    .toList();
            long declared = rows.stream().filter(HolderRow::declared).count();
            return new HolderList(
                    rows,
                    declared,
                    rows.size() - declared,
                    truncated,
                    MAX_HOLDERS,
                    flows.stream().map(f -> flowRow(f, byId)).toList(),
                    console.scriptJson(FlowGraph.of(flows, byId)),
                    openCounted.map(c -> c.words(now)).orElse(null),
                    openCounted.isEmpty());
        });
        return console.render(request, 200, "holders", "Holders and catalog", "holders", model);
    }

    /** One category's people at the holder, with the split by lineage status. */
    public record CategoryPeople(String category, long people, List<StatusCount> statuses) {}

    /** People of one status. */
    public record StatusCount(String status, long people) {}

    /** One legal hold, as the catalog words it. */
    public record HoldRow(String categories, String period, String reason, String legalReference) {}

    /** One group of open findings at the holder. */
    public record FindingGroupRow(
            String kind, String kindLabel, String category, String rule, long count, String oldestDue, String link) {}

    /** The holder page. */
    public record HolderView(
            DeclaredHolder holder,
            String name,
            boolean thirdCountry,
            String purposes,
            List<HolderDetail.DeclaredRetention> retention,
            List<HoldRow> legalHolds,
            List<CategoryPeople> categories,
            long openFindings,
            List<FindingGroupRow> findingGroups,
            boolean moreGroups,
            String findingsLink,
            List<FlowRow> flowsIn,
            List<FlowRow> flowsOut,
            String peopleCounted,
            boolean peopleCounting,
            String findingsCounted,
            boolean findingsCounting) {

        public boolean hasRetention() {
            return !retention.isEmpty();
        }

        public boolean hasLegalHolds() {
            return !legalHolds.isEmpty();
        }

        public boolean hasCategories() {
            return !categories.isEmpty();
        }

        public boolean hasFlowsIn() {
            return !flowsIn.isEmpty();
        }

        public boolean hasFlowsOut() {
            return !flowsOut.isEmpty();
        }
    }

    private Response holder(Console console, ConsoleRequest request) {
        String id = Bodies.pathId(request.http(), "holderId", HolderId::isValid, HolderId.RULE, HolderId::of)
                .value();
        Instant now = console.clock().instant();
        HolderView view = graph.read(tx -> {
                    Optional<DeclaredHolder> found = holders.catalogEntry(tx, id);
                    if (found.isEmpty()) {
                        return Optional.<HolderView>empty();
                    }
                    DeclaredHolder holder = found.get();
                    Optional<ConsoleCounts.Counted<List<FindingRepository.FindingGroup>>> groupsCounted =
                            counts.openGroups(tx, Optional.of(id), Optional.empty(), Pagination.MAX_LIMIT);
                    List<FindingRepository.FindingGroup> groups =
                            groupsCounted.map(ConsoleCounts.Counted::value).orElse(List.of());
                    Optional<ConsoleCounts.Counted<List<HolderDetail.CategoryCount>>> people =
                            counts.peoplePerCategory(tx, id);
                    Map<String, DeclaredHolder> ends = new LinkedHashMap<>();
                    ends.put(holder.id(), holder);
                    return Optional.of(new HolderView(
                            holder,
                            holder.displayName() == null ? holder.id() : holder.displayName(),
                            RopaEntry.outsideEea(holder.country()),
                            String.join(", ", holder.purposes()),
                            holder.retention(),
                            holder.legalHolds().stream()
                                    .map(HolderPages::holdRow)
                                    .toList(),
                            categoryPeople(
                                    people.map(ConsoleCounts.Counted::value).orElse(List.of())),
                            groups.stream()
                                    .mapToLong(FindingRepository.FindingGroup::count)
                                    .sum(),
                            groups.stream()
                                    .limit(FIRST_GROUPS)
                                    .map(HolderPages::groupRow)
                                    .toList(),
                            groups.size() > FIRST_GROUPS,
                            findingsLink(id),
                            holder.flowsIn().stream().map(f -> flowRow(f, ends)).toList(),
                            holder.flowsOut().stream()
                                    .map(f -> flowRow(f, ends))
                                    .toList(),
                            people.map(c -> c.words(now)).orElse(null),
                            people.isEmpty(),
                            groupsCounted.map(c -> c.words(now)).orElse(null),
                            groupsCounted.isEmpty()));
                })
                .orElseThrow(() -> ProblemException.notFound(
                        "no holder with this id: the catalog does not declare it and lineage has never named it"));
        return console.render(request, 200, "holder", view.name(), "holders", view);
    }

    /** Per category, how many people, and how many by status; categories and statuses in order. */
    static List<CategoryPeople> categoryPeople(List<HolderDetail.CategoryCount> counts) {
        Map<String, List<StatusCount>> byCategory = new TreeMap<>();
        for (HolderDetail.CategoryCount count : counts) {
            byCategory
                    .computeIfAbsent(count.category(), c -> new ArrayList<>())
                    .add(new StatusCount(count.status() == null ? "UNKNOWN" : count.status(), count.people()));
        }
        List<CategoryPeople> rows = new ArrayList<>();
        byCategory.forEach((category, statuses) -> {
            List<StatusCount> sorted = statuses.stream()
                    .sorted(java.util.Comparator.comparing(StatusCount::status))
                    .toList();
            rows.add(new CategoryPeople(
                    category, sorted.stream().mapToLong(StatusCount::people).sum(), sorted));
        });
        return rows;
    }

    static FindingGroupRow groupRow(FindingRepository.FindingGroup group) {
        return new FindingGroupRow(
                group.kind(),
                HomePage.words(group.kind()),
                group.category(),
                group.rule(),
                group.count(),
                Formats.date(group.oldestDue()),
                FindingPages.groupLink(group));
    }

    private static HoldRow holdRow(LegalHolds.Hold hold) {
        return new HoldRow(String.join(", ", hold.categories()), hold.period(), hold.reason(), hold.legalReference());
    }

    private static FlowRow flowRow(FlowView flow, Map<String, DeclaredHolder> holders) {
        return new FlowRow(
                flow.id(),
                name(flow.from(), holders),
                holderLink(flow.from()),
                name(flow.to(), holders),
                holderLink(flow.to()),
                String.join(", ", flow.categories()),
                flow.retention(),
                flow.purpose(),
                flow.description());
    }

    private static String name(String id, Map<String, DeclaredHolder> holders) {
        DeclaredHolder holder = holders.get(id);
        return holder == null || holder.displayName() == null ? id : holder.displayName();
    }

    static String holderLink(String id) {
        return Console.BASE + "/holders/" + LinkQuery.segment(id);
    }

    static String findingsLink(String holder) {
        return LinkQuery.to(Console.BASE + "/findings").with("holder", holder).build();
    }
}

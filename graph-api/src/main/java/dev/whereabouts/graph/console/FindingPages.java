package dev.whereabouts.graph.console;

import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.findings.DriftFinding;
import dev.whereabouts.graph.findings.FindingRepository;
import dev.whereabouts.graph.findings.FindingRepository.FindingGroup;
import dev.whereabouts.graph.findings.FindingView;
import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.holder.HolderSummary;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's findings: open retention and backup-promise findings grouped per holder, kind,
 * category and rule (counts and the oldest due date, never a row per person per edge), with the
 * drift between the catalog and lineage as its own table; and one group's people, paged, each
 * leading to the person's page. The groups are counted by the graph from the {@code
 * finding_open_groups} index ({@link FindingRepository#openGroups}) while the findings are few, and
 * come from the background count above that ({@link ConsoleCounts}, the page says when it was taken);
 * a group's own page always counts live. Drift is {@link FindingRepository#drift}, as the REST API
 * serves it.
 */
public final class FindingPages implements Console.Section {

    /** Groups shown at most; far more than holders times categories times rules in any catalog. */
    static final int MAX_GROUPS = Pagination.MAX_LIMIT;

    /** Drift findings shown at most (the REST API's drift report pages through all). */
    static final int MAX_DRIFT = Pagination.MAX_LIMIT;

    /** The longest rule a group link may carry (the topology's rules are one short sentence). */
    static final int MAX_RULE = 500;

    /** The kind filter's value for the drift table alone. */
    static final String DRIFT = "DRIFT";

    private final GraphTransactions graph;
    private final ConsoleCounts counts;
    private final FindingRepository findings = new FindingRepository();
    private final HolderRepository holders = new HolderRepository();

    public FindingPages(GraphTransactions graph, ConsoleCounts counts) {
        this.graph = graph;
        this.counts = counts;
    }

    @Override
    public List<Endpoint> routes(Console console) {
        return List.of(
                console.page("/findings", request -> list(console, request)),
                console.page("/findings/group", request -> group(console, request)));
    }

    /** A choice in a filter's select. */
    public record Option(String value, String label, boolean selected) {}

    /** One group's row. */
    public record GroupRow(
            String holder,
            String holderLink,
            String kind,
            String kindLabel,
            String category,
            String rule,
            long count,
            String oldestDue,
            String dueInWords,
            boolean overdue,
            String link) {}

    /** One holder's line in the per-holder summary. */
    public record HolderTotalRow(
            String holder, String holderLink, int groups, long findings, String oldestDue, String link) {}

    /** One drift finding's row. */
    public record DriftRow(
            String kind,
            String kindLabel,
            String holder,
            String holderLink,
            String category,
            String from,
            String detail) {}

    /** The findings page. */
    public record FindingList(
            List<Option> kinds,
            List<Option> holders,
            List<Option> sorts,
            boolean filtered,
            boolean showGroups,
            List<GroupRow> groups,
            List<HolderTotalRow> perHolder,
            long openTotal,
            boolean groupsTruncated,
            int maxGroups,
            boolean showDrift,
            List<DriftRow> drift,
            int driftTotal,
            boolean driftTruncated,
            String groupsCounted,
            boolean groupsCounting) {

        public boolean hasGroups() {
            return !groups.isEmpty();
        }

        public int groupCount() {
            return groups.size();
        }

        public boolean hasDrift() {
            return !drift.isEmpty();
        }
    }

    private Response list(Console console, ConsoleRequest request) {
        Optional<String> kind = request.query("kind").map(FindingPages::kindFilter);
        Optional<String> holder = request.query("holder").map(h -> holderParameter("holder", h));
        FindingGroups.Sort sort =
                request.query("sort").map(FindingPages::sortParameter).orElse(FindingGroups.Sort.COUNT);
        boolean showGroups = kind.isEmpty() || !kind.get().equals(DRIFT);
        boolean showDrift = kind.isEmpty() || kind.get().equals(DRIFT);
        Instant now = console.clock().instant();
        FindingList model = graph.read(tx -> {
            Optional<ConsoleCounts.Counted<List<FindingGroup>>> counted = showGroups
                    ? counts.openGroups(tx, holder, kind, MAX_GROUPS + 1)
                    : Optional.of(ConsoleCounts.Counted.live(List.of()));
            List<FindingGroup> groups =
                    counted.map(ConsoleCounts.Counted::value).orElse(List.of());
            boolean truncated = groups.size() > MAX_GROUPS;
            List<FindingGroup> shown = FindingGroups.sorted(truncated ? groups.subList(0, MAX_GROUPS) : groups, sort);
            List<DriftFinding> drift = showDrift
                    ? findings.drift(tx).stream()
                            .filter(d -> holder.isEmpty() || d.holder().equals(holder.get()))
                            .toList()
                    : List.of();
            List<HolderSummary> known = holders.page(tx, Optional.empty(), Pagination.MAX_LIMIT);
            return new FindingList(
                    kindOptions(kind),
                    holderOptions(known, holder),
                    sortOptions(sort),
                    kind.isPresent() || holder.isPresent(),
                    showGroups,
                    shown.stream().map(g -> groupRow(g, now)).toList(),
                    FindingGroups.perHolder(shown).stream()
                            .map(t -> new HolderTotalRow(
                                    t.holder(),
                                    HolderPages.holderLink(t.holder()),
                                    t.groups(),
                                    t.findings(),
                                    Formats.date(t.oldestDue()),
                                    LinkQuery.to(Console.BASE + "/findings")
                                            .with("holder", t.holder())
                                            .with("kind", kind)
                                            .with("sort", sort.name().toLowerCase(Locale.ROOT))
                                            .build()))
                            .toList(),
                    shown.stream().mapToLong(FindingGroup::count).sum(),
                    truncated,
                    MAX_GROUPS,
                    showDrift,
                    drift.stream().limit(MAX_DRIFT).map(FindingPages::driftRow).toList(),
                    drift.size(),
                    drift.size() > MAX_DRIFT,
                    counted.map(c -> c.words(now)).orElse(null),
                    counted.isEmpty());
        });
        return console.render(request, 200, "findings", "Findings", "findings", model);
    }

    /** One finding of a group: the person it concerns. */
    public record MemberRow(
            String subjectId, String personLink, String lastShared, String due, String dueInWords, String detected) {}

    /** The page of one group's people. */
    public record GroupPage(
            GroupRow group, boolean found, List<MemberRow> members, String nextLink, String firstLink, boolean paged) {

        public boolean hasMembers() {
            return !members.isEmpty();
        }
    }

    private Response group(Console console, ConsoleRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String holder = required(request, "holder", HolderId::isValid, "must be " + HolderId.RULE, errors);
        String kind = required(
                request,
                "kind",
                k -> Bodies.parseEnum(k, FindingKind.class).isPresent(),
                "must be one of " + List.of(FindingKind.values()),
                errors);
        String category = required(request, "category", CategoryKey::isValid, "must be " + CategoryKey.RULE, errors);
        String rule = required(
                request, "rule", r -> r.length() <= MAX_RULE, "must be at most " + MAX_RULE + " characters", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.malformed("the group is not named fully: " + fields(errors), errors);
        }
        String kindName =
                Bodies.parseEnum(kind, FindingKind.class).orElseThrow().name();
        Pagination.PageRequest page = Pagination.from(request.http(), 2);
        Optional<Long> afterDue = page.numberOrBadCursor(0);
        Instant now = console.clock().instant();
        GroupPage model = graph.read(tx -> {
            FindingGroup group = findings.openGroup(tx, holder, kindName, category, rule);
            List<FindingView> fetched = group.count() == 0
                    ? List.of()
                    : findings.openInGroup(tx, group, afterDue, page.key(1), page.limit() + 1);
            Pagination.Page<FindingView> members = Pagination.page(
                    fetched, page.limit(), f -> List.of(Long.toString(f.dueAt().toEpochMilli()), f.findingId()));
            String base = groupLink(group);
            return new GroupPage(
                    groupRow(group, now),
                    group.count() > 0,
                    members.items().stream()
                            .map(f -> new MemberRow(
                                    f.subjectId(),
                                    Console.BASE + "/people/" + LinkQuery.segment(f.subjectId()),
                                    Formats.date(f.lastSharedAt()),
                                    Formats.date(f.dueAt()),
                                    Formats.daysLeftInWords(now, f.dueAt()),
                                    Formats.moment(f.detectedAt())))
                            .toList(),
                    members.nextCursor() == null
                            ? null
                            : base + "&limit=" + page.limit() + "&cursor=" + members.nextCursor(),
                    base + (page.limit() == Pagination.DEFAULT_LIMIT ? "" : "&limit=" + page.limit()),
                    page.cursor().isPresent());
        });
        return console.render(
                request, 200, "finding-group", "Findings: " + category + " at " + holder, "findings", model);
    }

    /** The link to one group's people. */
    static String groupLink(FindingGroup group) {
        return LinkQuery.to(Console.BASE + "/findings/group")
                .with("holder", group.holder())
                .with("kind", group.kind())
                .with("category", group.category())
                .with("rule", group.rule())
                .build();
    }

    private static GroupRow groupRow(FindingGroup group, Instant now) {
        return new GroupRow(
                group.holder(),
                HolderPages.holderLink(group.holder()),
                group.kind(),
                HomePage.words(group.kind()),
                group.category(),
                group.rule(),
                group.count(),
                Formats.date(group.oldestDue()),
                Formats.daysLeftInWords(now, group.oldestDue()),
                group.oldestDue() != null && group.oldestDue().isBefore(now),
                groupLink(group));
    }

    private static DriftRow driftRow(DriftFinding drift) {
        return new DriftRow(
                drift.kind().name(),
                HomePage.words(drift.kind().name()),
                drift.holder(),
                HolderPages.holderLink(drift.holder()),
                drift.category() == null ? drift.flowId() : drift.category(),
                drift.from(),
                drift.detail());
    }

    /** The kind filter: a finding kind, or {@value #DRIFT} for the drift table alone; 400 naming {@code kind} otherwise. */
    static String kindFilter(String value) {
        if (value.trim().equalsIgnoreCase(DRIFT)) {
            return DRIFT;
        }
        return Bodies.parseEnum(value, FindingKind.class)
                .orElseThrow(() -> ProblemException.badParameter(
                        "kind", "must be one of " + List.of(FindingKind.values()) + " or " + DRIFT))
                .name();
    }

    static FindingGroups.Sort sortParameter(String value) {
        return Bodies.parseEnum(value, FindingGroups.Sort.class)
                .orElseThrow(() -> ProblemException.badParameter(
                        "sort", "must be count (most findings first) or due (oldest due date first)"));
    }

    private static String holderParameter(String name, String value) {
        if (!HolderId.isValid(value)) {
            throw ProblemException.badParameter(name, "must be " + HolderId.RULE);
        }
        return value;
    }

    private static String required(
            ConsoleRequest request,
            String name,
            java.util.function.Predicate<String> valid,
            String rule,
            List<FieldError> errors) {
        Optional<String> value = request.query(name);
        if (value.isEmpty()) {
            errors.add(new FieldError(name, "is required"));
            return null;
        }
        if (!valid.test(value.get())) {
            errors.add(new FieldError(name, rule));
            return null;
        }
        return value.get();
    }

    private static String fields(List<FieldError> errors) {
        return String.join(", ", errors.stream().map(FieldError::field).toList());
    }

    private static List<Option> kindOptions(Optional<String> kind) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", "All kinds and drift", kind.isEmpty()));
        for (FindingKind k : FindingKind.values()) {
            options.add(new Option(
                    k.name(),
                    HomePage.words(k.name()),
                    kind.map(k.name()::equals).orElse(false)));
        }
        options.add(new Option(DRIFT, "Drift only", kind.map(DRIFT::equals).orElse(false)));
        return options;
    }

    private static List<Option> holderOptions(List<HolderSummary> known, Optional<String> holder) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", "All holders", holder.isEmpty()));
        for (HolderSummary h : known) {
            options.add(new Option(
                    h.id(),
                    h.displayName() == null ? h.id() : h.displayName(),
                    holder.map(h.id()::equals).orElse(false)));
        }
        return options;
    }

    private static List<Option> sortOptions(FindingGroups.Sort sort) {
        return List.of(
                new Option("count", "Most findings first", sort == FindingGroups.Sort.COUNT),
                new Option("due", "Oldest due date first", sort == FindingGroups.Sort.DUE));
    }
}

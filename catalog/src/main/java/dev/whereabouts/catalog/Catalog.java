package dev.whereabouts.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable version of the catalog: holders and declared flows, and, when read from the
 * catalog file, the controller and the purposes.
 *
 * <p>Two sources build it. {@link CatalogLoader} reads the YAML file and has everything.
 * {@link LiveCatalog} rebuilds it from the compacted holder and flow topics, which carry no
 * controller and no purposes: its catalog has an empty {@link #controller()} and
 * {@link #purposes()}. The controller's request-handling policy has a topic of its own, which
 * {@link LiveCatalog#controllerPolicy()} serves as the Avro record (it leaves out the registration
 * and addresses, so no {@link Controller} is rebuilt from it). Every {@link CatalogView} question is
 * answered from holders and flows, so both answer alike.
 */
public final class Catalog implements CatalogView {

    private static final DataCategories TAXONOMY = DataCategories.fideslang();
    private static final Catalog EMPTY = new Catalog("", Optional.empty(), List.of(), List.of(), List.of());

    private final String version;
    private final Optional<Controller> controller;
    private final Map<String, Purpose> purposes;
    private final Map<String, CatalogHolder> holders;
    private final Map<String, CatalogFlow> flows;
    private final Map<String, List<CatalogFlow>> flowsFrom;
    private final Map<String, List<CatalogFlow>> flowsTo;

    /**
     * @param version    the catalog's content version, e.g. {@code 2022-01-17}
     * @param controller the controller, when known
     * @param purposes   purposes in catalog order (ids unique)
     * @param holders    holders in catalog order (ids unique)
     * @param flows      flows in catalog order (ids unique)
     * @throws IllegalArgumentException when an id appears twice
     */
    public Catalog(
            String version,
            Optional<Controller> controller,
            Collection<Purpose> purposes,
            Collection<CatalogHolder> holders,
            Collection<CatalogFlow> flows) {
        this.version = Objects.requireNonNull(version, "version");
        this.controller = Objects.requireNonNull(controller, "controller");
        this.purposes = byId(purposes, Purpose::id, "purpose");
        this.holders = byId(holders, CatalogHolder::id, "holder");
        this.flows = byId(flows, CatalogFlow::id, "flow");
        Map<String, List<CatalogFlow>> from = new LinkedHashMap<>();
        Map<String, List<CatalogFlow>> to = new LinkedHashMap<>();
        for (CatalogFlow flow : this.flows.values()) {
            from.computeIfAbsent(flow.from(), k -> new ArrayList<>()).add(flow);
            to.computeIfAbsent(flow.to(), k -> new ArrayList<>()).add(flow);
        }
        from.replaceAll((k, v) -> List.copyOf(v));
        to.replaceAll((k, v) -> List.copyOf(v));
        this.flowsFrom = Map.copyOf(from);
        this.flowsTo = Map.copyOf(to);
    }

    /** A catalog with nothing in it: what {@link LiveCatalog} shows before the topics are read. */
    public static Catalog empty() {
        return EMPTY;
    }

    /** The content version ({@code catalogVersion} in the file), e.g. {@code 2022-01-17}. */
    public String version() {
        return version;
    }

    /** The controller; empty when built from the catalog topics. */
    public Optional<Controller> controller() {
        return controller;
    }

    /** Purposes by id in catalog order; empty when built from the catalog topics. */
    public Map<String, Purpose> purposes() {
        return purposes;
    }

    /** Holders by id in catalog order. */
    public Map<String, CatalogHolder> holders() {
        return holders;
    }

    /** Declared flows by id in catalog order. */
    public Map<String, CatalogFlow> flows() {
        return flows;
    }

    /** The purpose with this id, when the catalog carries purposes. */
    public Optional<Purpose> purpose(String purposeId) {
        return Optional.ofNullable(purposes.get(purposeId));
    }

    /** The declared flow with this id. */
    public Optional<CatalogFlow> flow(String flowId) {
        return Optional.ofNullable(flows.get(flowId));
    }

    @Override
    public Optional<CatalogHolder> holder(String holderId) {
        return Optional.ofNullable(holders.get(holderId));
    }

    @Override
    public boolean isPurposeAllowed(String holderId, String purposeId) {
        CatalogHolder holder = holders.get(holderId);
        return holder != null && holder.purposes().contains(purposeId);
    }

    @Override
    public List<String> categoriesOf(String holderId) {
        CatalogHolder holder = holders.get(holderId);
        return holder == null ? List.of() : holder.categories();
    }

    @Override
    public boolean receives(String holderId, String category) {
        return categoriesOf(holderId).stream().anyMatch(declared -> TAXONOMY.covers(declared, category));
    }

    @Override
    public Optional<RetentionRule> retentionFor(String holderId, String category) {
        CatalogHolder holder = holders.get(holderId);
        if (holder == null || !receives(holderId, category)) {
            return Optional.empty();
        }
        RetentionRule best = null;
        int bestDepth = -1;
        for (RetentionRule rule : holder.retention()) {
            for (String key : rule.categories()) {
                if (TAXONOMY.covers(key, category) && key.length() > bestDepth) {
                    best = rule;
                    bestDepth = key.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public List<LegalHoldRule> legalHoldsFor(String holderId) {
        CatalogHolder holder = holders.get(holderId);
        return holder == null ? List.of() : holder.legalHolds();
    }

    @Override
    public List<LegalHoldRule> legalHoldsFor(String holderId, String category) {
        return legalHoldsFor(holderId).stream()
                .filter(hold -> hold.categories().stream().anyMatch(key -> TAXONOMY.covers(key, category)))
                .toList();
    }

    @Override
    public List<CatalogFlow> flowsFrom(String holderId) {
        return flowsFrom.getOrDefault(holderId, List.of());
    }

    @Override
    public List<CatalogFlow> flowsTo(String holderId) {
        return flowsTo.getOrDefault(holderId, List.of());
    }

    @Override
    public List<CatalogFlow> onwardFlows(String holderId, String category) {
        List<CatalogFlow> reached = new ArrayList<>();
        // The validator rejects cycles in files, but a catalog rebuilt from topics is not validated.
        Set<String> visited = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(holderId));
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            if (!visited.add(current)) {
                continue;
            }
            for (CatalogFlow flow : flowsFrom(current)) {
                if (flow.categories().stream().anyMatch(key -> TAXONOMY.overlap(key, category))) {
                    reached.add(flow);
                    pending.addLast(flow.to());
                }
            }
        }
        return List.copyOf(reached);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Catalog other
                && version.equals(other.version)
                && controller.equals(other.controller)
                && purposes.equals(other.purposes)
                && holders.equals(other.holders)
                && flows.equals(other.flows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, controller, purposes, holders, flows);
    }

    @Override
    public String toString() {
        return "Catalog[version=" + version + ", " + holders.size() + " holders, " + flows.size() + " flows, "
                + purposes.size() + " purposes]";
    }

    private static <T> Map<String, T> byId(
            Collection<T> items, java.util.function.Function<T, String> id, String kind) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            if (map.put(id.apply(item), item) != null) {
                throw new IllegalArgumentException("duplicate " + kind + " id '" + id.apply(item) + "'");
            }
        }
        return Collections.unmodifiableMap(map);
    }
}

package dev.whereabouts.graph.report;

import dev.whereabouts.graph.lookup.Location;
import dev.whereabouts.graph.lookup.SubjectLocations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The GDPR Art. 15 access report of one person: the purposes, the categories of data, the
 * recipients (every holder, direct and onward, with country), how long each keeps the data, and
 * where it came from (Art. 15(1)(a)-(d),(g)). Pure: built from the lookup answer.
 *
 * @param generatedAt when the report was made
 * @param controller  the controller answering the request
 * @param subjectIds  pseudonymous subject ids
 * @param categories  data categories held
 * @param purposes    purposes of processing
 * @param legalBases  legal bases relied on
 * @param recipients  holders, one entry each
 * @param sources     systems the data came from
 * @param locations   every (category, holder) edge in detail
 */
public record AccessReport(
        Instant generatedAt,
        String controller,
        List<String> subjectIds,
        List<String> categories,
        List<String> purposes,
        List<String> legalBases,
        List<Recipient> recipients,
        List<String> sources,
        List<Location> locations) {

    /**
     * One recipient of the person's data.
     *
     * @param holder         catalog id
     * @param displayName    name
     * @param legalEntity    legal entity
     * @param country        country of the legal entity
     * @param role           INTERNAL, PROCESSOR or SUB_PROCESSOR
     * @param onward         true when it received the data only through another holder
     * @param categories     categories it holds
     * @param purposes       purposes it received them for
     * @param retentionUntil the latest retention expiry of its edges; null when none is declared
     */
    public record Recipient(
            String holder,
            String displayName,
            String legalEntity,
            String country,
            String role,
            boolean onward,
            List<String> categories,
            List<String> purposes,
            Instant retentionUntil) {}

    public static AccessReport of(SubjectLocations subject, String controller, Instant generatedAt) {
        TreeSet<String> categories = new TreeSet<>();
        TreeSet<String> purposes = new TreeSet<>();
        TreeSet<String> bases = new TreeSet<>();
        TreeSet<String> sources = new TreeSet<>();
        Map<String, List<Location>> byHolder = new LinkedHashMap<>();
        for (Location location : subject.locations()) {
            categories.add(location.category());
            purposes.addAll(location.purposes());
            bases.addAll(location.legalBases());
            sources.addAll(location.sourceSystems());
            byHolder.computeIfAbsent(location.holder(), k -> new ArrayList<>()).add(location);
        }
        List<Recipient> recipients = new ArrayList<>();
        byHolder.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            List<Location> held = entry.getValue();
            Location first = held.get(0);
            Instant until = held.stream()
                    .map(Location::retentionUntil)
                    .filter(Objects::nonNull)
                    .max(Instant::compareTo)
                    .orElse(null);
            recipients.add(new Recipient(
                    entry.getKey(),
                    first.displayName(),
                    first.legalEntity(),
                    first.country(),
                    first.role(),
                    held.stream().noneMatch(Location::direct),
                    held.stream().map(Location::category).distinct().sorted().toList(),
                    held.stream()
                            .flatMap(l -> l.purposes().stream())
                            .distinct()
                            .sorted()
                            .toList(),
                    until));
        });
        return new AccessReport(
                generatedAt,
                controller,
                subject.subjectIds(),
                List.copyOf(categories),
                List.copyOf(purposes),
                List.copyOf(bases),
                recipients,
                List.copyOf(sources),
                subject.locations());
    }
}

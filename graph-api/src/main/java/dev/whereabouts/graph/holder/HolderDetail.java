package dev.whereabouts.graph.holder;

import dev.whereabouts.graph.findings.FindingView;
import java.util.List;

/**
 * One holder in full: what it is, which categories it holds for how many people, and its retention
 * findings.
 *
 * @param holder            the summary
 * @param purposes          purposes it may receive data for
 * @param retention         declared retention per category
 * @param legalHolds        legal obligations to keep data
 * @param people            distinct subjects of which it holds at least one category
 * @param categories        per category: how many people, by status
 * @param openFindings      retention findings not resolved
 * @param findings          the first open findings (follow {@code /v1/findings/retention?holder=} for all)
 */
public record HolderDetail(
        HolderSummary holder,
        List<String> purposes,
        List<DeclaredRetention> retention,
        List<String> legalHolds,
        long people,
        List<CategoryCount> categories,
        long openFindings,
        List<FindingView> findings) {

    /** @param category category; @param retention ISO period or null; @param note retention as worded */
    public record DeclaredRetention(String category, String retention, String note) {}

    /** @param category category; @param status lineage status; @param people subjects */
    public record CategoryCount(String category, String status, long people) {}
}

package dev.whereabouts.graph.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.id.CategoryKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftAnalysisTest {

    @Test
    void shouldFlagObservedCategoriesNeitherDeclaredNorBroughtByADeclaredFlow() {
        // Given Postmark declares email, backups receive "user" through a flow
        var postmark = new DriftAnalysis.HolderFacts(
                "postmark",
                true,
                Set.of("user.contact.email"),
                Set.of("user.contact.email", "user.contact.phone_number"));
        var backups = new DriftAnalysis.HolderFacts("backups", true, Set.of(), Set.of("user.contact.email"));
        var flow = new DriftAnalysis.FlowFacts("app-to-backups", "app", "backups", List.of("user"));

        List<DriftFinding> findings =
                DriftAnalysis.analyse(List.of(postmark, backups), List.of(flow), Set.of(List.of("app", "backups")));

        // Then only the phone number at Postmark is drift
        assertThat(findings)
                .containsExactly(
                        new DriftFinding(
                                DriftFinding.Kind.OBSERVED_NOT_DECLARED,
                                "postmark",
                                "user.contact.phone_number",
                                null,
                                null,
                                "lineage shows 'postmark' holding user.contact.phone_number, which the catalog does not declare for it"));
    }

    @Test
    void shouldFlagDeclarationsAndFlowsNeverObservedAndUnknownHoldersAndUndeclaredHops() {
        var analytics = new DriftAnalysis.HolderFacts("google-analytics", true, Set.of("user.behavior"), Set.of());
        var unknown = new DriftAnalysis.HolderFacts("shadow-crm", false, Set.of(), Set.of("user.name"));
        var flow = new DriftAnalysis.FlowFacts("f1", "app", "backups", List.of("user"));

        List<DriftFinding> findings =
                DriftAnalysis.analyse(List.of(analytics, unknown), List.of(flow), Set.of(List.of("app", "shadow-crm")));

        assertThat(findings)
                .extracting(DriftFinding::kind, DriftFinding::holder)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                DriftFinding.Kind.DECLARED_NOT_OBSERVED, "google-analytics"),
                        org.assertj.core.groups.Tuple.tuple(DriftFinding.Kind.FLOW_DECLARED_NOT_OBSERVED, "backups"),
                        org.assertj.core.groups.Tuple.tuple(DriftFinding.Kind.FLOW_OBSERVED_NOT_DECLARED, "shadow-crm"),
                        org.assertj.core.groups.Tuple.tuple(DriftFinding.Kind.OBSERVED_NOT_DECLARED, "shadow-crm"));
    }

    @Test
    void shouldLetAParentKeyCoverItsChildrenOnly() {
        assertThat(CategoryKey.covers("user.contact", "user.contact.email")).isTrue();
        assertThat(CategoryKey.covers("user.contact", "user.contact")).isTrue();
        assertThat(CategoryKey.covers("user.contact", "user.contactless")).isFalse();
        assertThat(CategoryKey.covers("user.contact.email", "user.contact")).isFalse();
    }
}

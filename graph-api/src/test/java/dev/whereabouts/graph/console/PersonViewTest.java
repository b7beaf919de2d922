package dev.whereabouts.graph.console;

import static dev.whereabouts.graph.console.LineageGraphTest.KEEPING;
import static dev.whereabouts.graph.console.LineageGraphTest.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.lookup.Location;
import dev.whereabouts.graph.request.RequestRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersonViewTest {

    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");

    private static Location withRetention(Location l, Instant until) {
        return new Location(
                l.subjectId(),
                l.category(),
                l.holder(),
                l.displayName(),
                l.legalEntity(),
                l.country(),
                l.role(),
                l.direct(),
                l.path(),
                l.purposes(),
                l.legalBases(),
                l.sourceSystems(),
                l.firstSharedAt(),
                l.lastSharedAt(),
                until,
                l.status(),
                l.statusReason());
    }

    private static final List<Location> ALICE = List.of(
            location("user.contact.email", "app", "App", List.of(), "HELD"),
            location("user.contact.email", "moneybird", "MoneyBird", List.of(), "RESTRICTED"),
            location("user.contact.email", "s3", "S3", List.of("app", "transip"), "HELD"),
            location("user.contact.phone_number", "app", "App", List.of(), "HELD"),
            location("user.name", "newsletter", "Newsletter", List.of(), "ERASED"));

    private static PersonView view(PersonView.Filters filters, List<Map<String, Object>> requests) {
        return PersonView.of("s-a11ce", ALICE, KEEPING, requests, List.of(), filters, NOW, "audit-1", Object::toString);
    }

    @Test
    void shouldGroupTheHoldersByCategoryWithTheirRouteBackupsAndLegalHolds() {
        PersonView view = view(PersonView.Filters.NONE, List.of());

        assertThat(view.categories())
                .extracting(PersonView.CategoryTable::category, PersonView.CategoryTable::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("user.contact.email", 3),
                        org.assertj.core.groups.Tuple.tuple("user.contact.phone_number", 1),
                        org.assertj.core.groups.Tuple.tuple("user.name", 1));
        PersonView.HolderRow s3 = view.categories().get(0).rows().get(2);
        assertThat(s3.route()).isEqualTo("onward via App \u2192 transip");
        assertThat(s3.backup()).isTrue();
        PersonView.HolderRow moneybird = view.categories().get(0).rows().get(1);
        assertThat(moneybird.legalHolds()).containsExactly("invoices kept 7 years (P7Y, AWR)");
        assertThat(moneybird.status()).isEqualTo("RESTRICTED");
        assertThat(view.holdersTotal()).isEqualTo(5);
        assertThat(view.filtered()).isFalse();
        assertThat(view.scopeChoices())
                .extracting(PersonView.Choice::value)
                .containsExactly("user.contact.email", "user.contact.phone_number", "user.name");
    }

    @Test
    void shouldNameTheHopsBeforeAnOnwardHolderWhetherOrNotItsPathEndsAtIt() {
        List<Location> locations = List.of(
                location("user.contact.email", "app", "App", List.of(), "HELD"),
                location("user.contact.email", "s3", "S3", List.of("app", "s3"), "HELD"));

        PersonView view = PersonView.of(
                "s-a11ce",
                locations,
                KEEPING,
                List.of(),
                List.of(),
                PersonView.Filters.NONE,
                NOW,
                "audit-1",
                Object::toString);

        assertThat(view.categories().get(0).rows().get(1).route()).isEqualTo("onward via App");
    }

    @Test
    void shouldApplyTheCategoryAndStatusFiltersToTablesAndGraphAlike() {
        PersonView byStatus = view(new PersonView.Filters(Optional.empty(), Optional.of("HELD")), List.of());
        assertThat(byStatus.holdersShown()).isEqualTo(3);
        assertThat(byStatus.categories())
                .extracting(PersonView.CategoryTable::category)
                .containsExactly("user.contact.email", "user.contact.phone_number");
        assertThat(byStatus.graphJson()).doesNotContain("RESTRICTED").doesNotContain("ERASED");
        assertThat(byStatus.statusFilter())
                .filteredOn(PersonView.Choice::selected)
                .extracting(PersonView.Choice::value)
                .containsExactly("HELD");

        PersonView both =
                view(new PersonView.Filters(Optional.of("user.contact.email"), Optional.of("ERASED")), List.of());
        assertThat(both.hasShown()).isFalse();
        assertThat(both.hasHolders()).isTrue();
        assertThat(both.filtered()).isTrue();
    }

    @Test
    void shouldMarkTheCopiesAnErasureLeftToExpireByThemselvesWithTheDateTheyAreGone() {
        Instant gone = Instant.parse("2027-01-06T00:00:00Z");
        List<RequestRepository.ExpiringCopy> expiring = List.of(
                new RequestRepository.ExpiringCopy("s3", List.of("user.contact"), gone),
                new RequestRepository.ExpiringCopy("app", List.of("user.contact.phone_number"), gone));

        PersonView view = PersonView.of(
                "s-a11ce",
                ALICE,
                KEEPING,
                List.of(),
                expiring,
                PersonView.Filters.NONE,
                NOW,
                "audit-1",
                Object::toString);

        // S3 holds the email (under user.contact) until it is gone; the app's email was not named
        assertThat(view.categories().get(0).rows())
                .extracting(PersonView.HolderRow::holder, PersonView.HolderRow::expiresBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app", null),
                        org.assertj.core.groups.Tuple.tuple("moneybird", null),
                        org.assertj.core.groups.Tuple.tuple("s3", "6 Jan 2027"));
        assertThat(view.categories().get(1).rows().get(0).expiresBy()).isEqualTo("6 Jan 2027");
    }

    @Test
    void shouldNeverSayKeptUntilADateAlreadyPast() {
        Location held = location("user.contact.email", "app", "App", List.of(), "HELD");
        Location restricted = location("user.payment", "moneybird", "MoneyBird", List.of(), "RESTRICTED");
        Location erased = location("user.name", "newsletter", "Newsletter", List.of(), "ERASED");
        Instant past = Instant.parse("2026-11-21T08:30:00Z");

        assertThat(PersonView.retentionInWords(withRetention(held, past), NOW))
                .isEqualTo("expired 21 Nov 2026: should be gone");
        assertThat(PersonView.retentionInWords(withRetention(restricted, past), NOW))
                .isEqualTo("expired 21 Nov 2026; kept only under the restriction");
        assertThat(PersonView.retentionInWords(withRetention(erased, past), NOW))
                .isEqualTo("expired 21 Nov 2026");
        assertThat(PersonView.retentionInWords(withRetention(held, Instant.parse("2027-01-04T08:30:00Z")), NOW))
                .isEqualTo("kept until 4 Jan 2027");
        assertThat(PersonView.retentionInWords(held, NOW)).isEqualTo("no retention declared");
    }

    @Test
    void shouldSplitThePersonsRequestsIntoOpenAndPastLinkedToTheirPages() {
        PersonView view = view(
                PersonView.Filters.NONE,
                List.of(
                        Map.of(
                                "requestId", "r-1",
                                "type", "ACCESS",
                                "state", "COMPLETED",
                                "receivedAt", "2026-11-02T09:00:00Z"),
                        Map.of(
                                "requestId", "r-2",
                                "type", "ERASURE",
                                "state", "AWAITING_VERIFICATION",
                                "receivedAt", "2026-12-01T09:00:00Z")));

        assertThat(view.pastRequests())
                .containsExactly(
                        new PersonView.RequestRow("r-1", "ACCESS", "COMPLETED", "2 Nov 2026", "/console/requests/r-1"));
        assertThat(view.openRequests())
                .containsExactly(new PersonView.RequestRow(
                        "r-2", "ERASURE", "AWAITING_VERIFICATION", "1 Dec 2026", "/console/requests/r-2"));
        assertThat(view.reportPdf()).isEqualTo("/console/people/s-a11ce/report.pdf");
    }
}

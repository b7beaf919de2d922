package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.catalog.ErasureChannel;
import dev.whereabouts.model.catalog.HolderRole;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.time.IsoPeriod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the demo catalog ({@code catalog/smarttrackers.yaml}) against the privacy statement it
 * encodes, a copy of which is in {@code src/test/resources/catalog/smarttrackers-privacy-statement.txt}.
 * The rows below are the statement's three tables, each third party named as the statement names it.
 */
class SmartTrackersCatalogTest {

    private static final String STATEMENT = CatalogFixtures.resource("catalog/smarttrackers-privacy-statement.txt");

    private static final String TAX_RETENTION = "7 years (mandatory storage period Administration Tax Office)";
    private static final String VISMA_RETENTION = "Dependent on use of Visma Connect for other applications."
            + " Max 1 year if SmartTrackers is the final application";

    /**
     * One row of a third-party table.
     *
     * @param service      the "Service" column as written
     * @param holderId     the catalog holder encoding the row
     * @param legalEntity  the legal entity the statement names (the service itself when it names none)
     * @param retention    the "Retention period" column as written; null when the column is empty
     * @param period       how the catalog encodes it; null when it cannot
     */
    private record Row(String service, String holderId, String legalEntity, String retention, String period) {}

    /** "The following is a list of third parties with whom we share data for the SmartTrackers application". */
    private static final List<Row> APPLICATION = List.of(
            new Row(
                    "Amazon S3 (Amazon.com Inc.) Uploaded files",
                    "amazon-s3-file-backups",
                    "Amazon.com Inc.",
                    "1 year (after user deletion)",
                    "P1Y"),
            new Row(
                    "Amazon S3 (Amazon.com Inc.) All the above mentioned personal data",
                    "amazon-s3-database-backups",
                    "Amazon.com Inc.",
                    "1 year",
                    "P1Y"),
            new Row("Authy (Twilio Inc.)", "authy", "Twilio Inc.", null, null),
            new Row(
                    "Trans IP (Trans IP B.V.) All the above mentioned personal data",
                    "transip-vps-backups",
                    "Trans IP B.V.",
                    "1 year",
                    "P1Y"),
            new Row("Heroku (Heroku Inc.)", "heroku", "Heroku Inc.", "Number of hours", "PT24H"),
            new Row(
                    "MemCached Cloud (Redis Labs Inc.)",
                    "memcached-cloud",
                    "Redis Labs Inc.",
                    "Number of hours",
                    "PT24H"),
            new Row("Zendesk (Zendesk Inc.)", "zendesk", "Zendesk Inc.", "1 year", "P1Y"),
            new Row("Postmark (WildBit LLC.)", "postmark", "WildBit LLC.", "45 days", "P45D"),
            new Row("HireFire", "hirefire", "HireFire", "Number of hours", "PT24H"),
            new Row("Visma Connect", "visma-connect", "Visma Connect", VISMA_RETENTION, "P1Y"));

    /** "... for the SmartTrackers websites (smarttrackers.nl, clubvan49.nl)". */
    private static final List<Row> WEBSITES = List.of(
            new Row(
                    "Trans IP (Trans IP B.V.) IP address.",
                    "transip-website-hosting",
                    "Trans IP B.V.",
                    "Number of weeks",
                    "P4W"),
            new Row(
                    "Trans IP (Trans IP B.V.) In Case of filling In contact form",
                    "transip-contact-form",
                    "Trans IP B.V.",
                    "Number of weeks",
                    "P4W"),
            new Row("Google Analytics (Google Inc.)", "google-analytics", "Google Inc.", "14 months", "P14M"),
            new Row("Vimeo (Vimeo Inc.)", "vimeo", "Vimeo Inc.", null, null));

    /** "... for our organization". */
    private static final List<Row> ORGANISATION = List.of(
            new Row("MoneyBird (MoneyBird B.V.)", "moneybird", "MoneyBird B.V.", TAX_RETENTION, "P7Y"),
            new Row(
                    "Scheffer Administraties",
                    "scheffer-administraties",
                    "Scheffer Administraties",
                    TAX_RETENTION,
                    "P7Y"),
            new Row("Trello (Atlassian PTY Ltd)", "trello", "Atlassian PTY Ltd", "1 year", "P1Y"),
            new Row(
                    "Google workspace (Google Mail, Google Calendar, Google Docs, Google Inc.)",
                    "google-workspace",
                    "Google Inc.",
                    null,
                    null),
            new Row(
                    "Campaign Monitor (Campaign Monitor Pty Ltd)",
                    "campaign-monitor",
                    "Campaign Monitor Pty Ltd",
                    null,
                    null));

    private static final List<Row> ALL_ROWS = java.util.stream.Stream.of(APPLICATION, WEBSITES, ORGANISATION)
            .flatMap(List::stream)
            .toList();

    private final Catalog catalog = CatalogLoader.seed();

    @Test
    void shouldBeAValidCatalogOfTheStatementsVersion() {
        // Then
        assertThat(new CatalogValidator().validate(CatalogLoader.SEED_RESOURCE, CatalogLoader.seedText()))
                .isEmpty();
        assertThat(catalog.version()).isEqualTo("2022-01-17");
        assertThat(STATEMENT).contains("Version: 17 januari 2022");
    }

    @Test
    void shouldHaveAHolderForEveryThirdPartyInTheStatementsTables() {
        // Then: every row, named as the statement names it, is a processor holder of the named entity
        assertThat(ALL_ROWS).hasSize(19);
        for (Row row : ALL_ROWS) {
            assertThat(STATEMENT).as("the statement names %s", row.service()).contains(row.service());
            CatalogHolder holder =
                    catalog.holder(row.holderId()).orElseThrow(() -> new AssertionError("no holder for " + row));
            assertThat(holder.legalEntity()).as(row.service()).isEqualTo(row.legalEntity());
            assertThat(holder.role()).as(row.service()).isEqualTo(HolderRole.PROCESSOR);
        }
    }

    @Test
    void shouldHaveNoThirdPartyTheStatementDoesNotName() {
        // Then: besides SmartTrackers' own systems, the holders are exactly the rows
        Set<String> thirdParties = catalog.holders().values().stream()
                .filter(h -> h.role() != HolderRole.INTERNAL)
                .map(CatalogHolder::id)
                .collect(Collectors.toSet());
        assertThat(thirdParties)
                .containsExactlyInAnyOrderElementsOf(
                        ALL_ROWS.stream().map(Row::holderId).toList());
        assertThat(catalog.holders().values())
                .filteredOn(h -> h.role() == HolderRole.INTERNAL)
                .extracting(CatalogHolder::id)
                .containsExactly("smarttrackers-app", "smarttrackers-website");
    }

    @Test
    void shouldKeepEachRetentionExactlyAsTheStatementWritesIt() {
        for (Row row : ALL_ROWS) {
            CatalogHolder holder = catalog.holder(row.holderId()).orElseThrow();
            assertThat(holder.retention()).as(row.service()).isNotEmpty();
            for (RetentionRule rule : holder.retention()) {
                if (row.retention() == null) {
                    // Then: what the statement leaves open is null, with a note saying so
                    assertThat(rule.period()).as(row.service()).isEmpty();
                    assertThat(rule.note()).as(row.service()).get().asString().startsWith("Not stated.");
                } else {
                    // Then: the period as encoded, and the statement's words in the note
                    assertThat(rule.period()).as(row.service()).get().hasToString(row.period());
                    assertThat(rule.note()).as(row.service()).contains(row.retention());
                    assertThat(STATEMENT).contains(row.retention());
                }
            }
        }
    }

    @Test
    void shouldQuoteTheStatementInEveryNote() {
        // Then: a note is the statement's wording, or says it is silent and quotes what it does say
        for (CatalogHolder holder : catalog.holders().values()) {
            for (RetentionRule rule : holder.retention()) {
                String note = rule.note().orElseThrow();
                String quoted = note.startsWith("Not stated.")
                        ? note.substring("Not stated.".length()).trim()
                        : note;
                quoted = quoted.replaceFirst("^The statement says( only)?: ", "");
                assertThat(STATEMENT).as("note of %s", holder.id()).contains(quoted);
            }
        }
    }

    @Test
    void shouldHoldBillingDataSevenYearsForTheTaxOffice() {
        for (String id : List.of("moneybird", "scheffer-administraties")) {
            // Then
            assertThat(catalog.legalHoldsFor(id)).as(id).singleElement().satisfies(hold -> {
                assertThat(hold.period()).hasToString("P7Y");
                assertThat(hold.categories())
                        .containsExactly(
                                "user.name", "user.contact.email", "user.contact.phone_number", "user.payment");
                assertThat(hold.reason()).contains("7 years").contains("Tax Office");
                assertThat(hold.legalReference()).contains("art. 52").contains("Algemene wet inzake rijksbelastingen");
            });
            assertThat(catalog.purposes()
                            .get(catalog.holder(id).orElseThrow().purposes().get(0))
                            .legalBasis())
                    .isEqualTo(LegalBasis.LEGAL_OBLIGATION);
        }
        assertThat(catalog.holders().values())
                .filteredOn(h -> !h.legalHolds().isEmpty())
                .extracting(CatalogHolder::id)
                .containsExactly("moneybird", "scheffer-administraties");
    }

    @Test
    void shouldPromiseAtMostOneYearInBackupsAndKeepThePromise() {
        // Given
        assertThat(STATEMENT)
                .contains("We apply a maximum retention period of 1 year in connection with our backup procedures.");
        IsoPeriod promised =
                catalog.controller().orElseThrow().backupMaxRetention().orElseThrow();

        // Then
        assertThat(promised).hasToString("P1Y");
        Set<String> backupPurposes = catalog.purposes().values().stream()
                .filter(Purpose::backup)
                .map(Purpose::id)
                .collect(Collectors.toSet());
        assertThat(backupPurposes).containsExactlyInAnyOrder("file-backup", "database-backup");
        List<CatalogHolder> backups = catalog.holders().values().stream()
                .filter(h -> backupPurposes.containsAll(h.purposes()))
                .toList();
        assertThat(backups)
                .extracting(CatalogHolder::id)
                .containsExactlyInAnyOrder(
                        "amazon-s3-file-backups", "amazon-s3-database-backups", "transip-vps-backups");
        backups.forEach(h -> h.retention()
                .forEach(rule -> assertThat(rule.period().orElseThrow().exceeds(promised))
                        .as(h.id())
                        .isFalse()));
        catalog.flows().values().stream()
                .filter(f -> backupPurposes.contains(f.purpose()))
                .forEach(f -> assertThat(f.retention().orElseThrow().exceeds(promised))
                        .as(f.id())
                        .isFalse());
    }

    @Test
    void shouldPromiseAnAnswerToEveryRequestWithinFourWeeks() {
        // Then
        assertThat(STATEMENT).contains("but in any case within 4 weeks");
        assertThat(catalog.controller().orElseThrow().dsrResponseTime()).hasToString("P4W");
    }

    @Test
    void shouldNameTheControllerAsTheStatementDoes() {
        // When
        Controller controller = catalog.controller().orElseThrow();

        // Then
        assertThat(controller.legalEntity()).isEqualTo("SmartTrackers B.V.");
        assertThat(controller.country()).isEqualTo("NL");
        assertThat(controller.registration()).get().asString().contains("61117536");
        assertThat(STATEMENT).contains("Van Marnixlaan 51, 3818 VB Amersfoort, The Netherlands");
        assertThat(controller.address()).isEqualTo("Van Marnixlaan 51, 3818 VB Amersfoort, The Netherlands");
        assertThat(controller.contact().email()).contains("info@smarttrackers.nl");
        assertThat(controller.contact().phone()).contains("+31 (0)24 2022680");
    }

    @Test
    void shouldMapTheDataSharedToFideslangCategories() {
        // Then: a few rows, word by word
        assertThat(catalog.categoriesOf("authy")).containsExactly("user.contact.email", "user.contact.phone_number");
        assertThat(catalog.categoriesOf("postmark"))
                .containsExactly("user.device.ip_address", "user.contact.email", "user.content.private");
        assertThat(catalog.categoriesOf("visma-connect"))
                .containsExactly(
                        "user.name",
                        "user.contact.email",
                        "user.demographic.language",
                        "user.contact.address.country",
                        "user.contact.phone_number");
        assertThat(catalog.categoriesOf("trello"))
                .containsExactly(
                        "user.name", "user.contact.email", "user.contact.phone_number", "user.contact.address");
        assertThat(catalog.categoriesOf("google-analytics")).containsExactly("user.device.ip_address");
        // "All the above mentioned personal data" is the same list wherever the statement says it.
        List<String> allAbove = catalog.categoriesOf("smarttrackers-app");
        for (String id : List.of("amazon-s3-database-backups", "transip-vps-backups", "heroku", "memcached-cloud")) {
            assertThat(catalog.categoriesOf(id)).as(id).containsExactlyElementsOf(allAbove);
        }
    }

    @Test
    void shouldSendApplicationDataOnToHostingCacheAndBackups() {
        // Then
        assertThat(catalog.flowsFrom("smarttrackers-app"))
                .extracting(
                        CatalogFlow::to,
                        f -> f.retention().map(Object::toString).orElse(null))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("heroku", "PT24H"),
                        org.assertj.core.groups.Tuple.tuple("memcached-cloud", "PT24H"),
                        org.assertj.core.groups.Tuple.tuple("transip-vps-backups", "P1Y"),
                        org.assertj.core.groups.Tuple.tuple("amazon-s3-database-backups", "P1Y"),
                        org.assertj.core.groups.Tuple.tuple("amazon-s3-file-backups", "P1Y"));
        assertThat(catalog.flow("app-file-backup-s3").orElseThrow().categories())
                .containsExactly("user.content.private");
    }

    @Test
    void shouldReachEveryHolderOnTheChannelTheDemoGivesIt() {
        // Then: the application and the websites take their own tasks; the statement names no erasure
        // contact for any processor, so they are manual except one demo webhook and one demo mailbox
        Map<String, ErasureChannel> channels = catalog.holders().values().stream()
                .collect(Collectors.toMap(CatalogHolder::id, h -> h.erasure().channel()));
        assertThat(channels)
                .containsEntry("smarttrackers-app", ErasureChannel.KAFKA)
                .containsEntry("smarttrackers-website", ErasureChannel.KAFKA)
                .containsEntry("postmark", ErasureChannel.WEBHOOK)
                .containsEntry("zendesk", ErasureChannel.EMAIL);
        assertThat(channels.entrySet())
                .filteredOn(e -> !Set.of("smarttrackers-app", "smarttrackers-website", "postmark", "zendesk")
                        .contains(e.getKey()))
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(ErasureChannel.MANUAL));
        assertThat(catalog.holder("postmark").orElseThrow().erasure().endpoint())
                .contains("http://127.0.0.1:8095/holders/postmark/tasks");
        // RFC 2606 reserves .example: no demo task reaches a real inbox.
        assertThat(catalog.holder("zendesk").orElseThrow().erasure().endpoint())
                .get()
                .asString()
                .endsWith(".example");
        assertThat(STATEMENT).doesNotContain("postmark").doesNotContain("zendesk.example");
    }

    @Test
    void shouldAnswerErasuresAtBackupsCachesAndLogsWithTheDateTheCopyIsGone() {
        // Then: the backups roll off within the promised year; hosting, cache and request logs within hours
        Map<String, String> graces = catalog.holders().values().stream()
                .filter(h -> h.erasure().selfExpiring())
                .collect(Collectors.toMap(
                        CatalogHolder::id,
                        h -> h.erasure().effectiveExpiryGrace().toString()));
        assertThat(graces)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "amazon-s3-file-backups", "P1Y",
                        "amazon-s3-database-backups", "P1Y",
                        "transip-vps-backups", "P1Y",
                        "heroku", "PT24H",
                        "memcached-cloud", "PT24H",
                        "hirefire", "PT24H"));
        // And: each grace is the holder's retention, the longest its copy can outlive the application's erasure
        for (String id : graces.keySet()) {
            assertThat(catalog.holder(id).orElseThrow().retention())
                    .as(id)
                    .allSatisfy(rule ->
                            assertThat(rule.period()).map(Object::toString).contains(graces.get(id)));
        }
        assertThat(graces.get("transip-vps-backups"))
                .isEqualTo(catalog.controller()
                        .orElseThrow()
                        .backupMaxRetention()
                        .orElseThrow()
                        .toString());
        // And: every holder keeps the default answer time
        assertThat(catalog.holders().values())
                .allSatisfy(h -> assertThat(h.erasure().answerTime()).as(h.id()).isEmpty());
    }

    @Test
    void shouldVerifyEveryRequestWithACopyOfAnIdentityDocumentCheckedByAPerson() {
        // Given
        assertThat(STATEMENT)
                .contains("To ensure that the request for inspection has been made by you, please send a copy of your"
                        + " identity document to the request.");
        Controller controller = catalog.controller().orElseThrow();

        // Then: one policy, for every request type
        assertThat(controller.verification()).singleElement().satisfies(policy -> {
            assertThat(policy.requestTypes()).containsExactlyInAnyOrder(RequestType.values());
            assertThat(policy.method()).isEqualTo("ID_DOCUMENT_COPY");
            assertThat(policy.checkedByAPerson()).isTrue();
            // the statement's own words, from "please send"
            assertThat(STATEMENT).containsIgnoringCase(policy.instructions());
            assertThat(policy.instructions()).contains("passport photo", "MRZ", "passport number", "(BSN) black");
        });
    }

    @Test
    void shouldPointToTheAuthorityTheStatementNames() {
        // When
        Controller.Authority authority = catalog.controller().orElseThrow().supervisoryAuthority();

        // Then
        assertThat(authority.name()).isEqualTo("Autoriteit Persoonsgegevens");
        assertThat(authority.country()).isEqualTo("NL");
        // (the statement has a no-break space before the link)
        assertThat(STATEMENT)
                .contains("you have the possibility to lodge a complaint with the national Supervisor, the authority"
                        + " personal data. This can be through the following link:\u00a0" + authority.complaintUrl());
    }

    @Test
    void shouldGiveEveryPurposeALegalBasis() {
        // Then
        assertThat(catalog.purposes().get("newsletter").legalBasis()).isEqualTo(LegalBasis.CONSENT);
        assertThat(catalog.purposes().get("invoicing").legalBasis()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
        assertThat(catalog.purposes().get("hosting").legalBasis()).isEqualTo(LegalBasis.CONTRACT);
        assertThat(catalog.purposes().get("website-analytics").legalBasis()).isEqualTo(LegalBasis.LEGITIMATE_INTERESTS);
        assertThat(catalog.purposes().values()).extracting(Purpose::legalBasis).doesNotContain(LegalBasis.UNSPECIFIED);
    }
}

package dev.whereabouts.graph.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.lookup.Location;
import dev.whereabouts.graph.lookup.SubjectLocations;
import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.SupervisoryAuthority;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PersonReportTest {

    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    private static final Instant YESTERDAY = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant NEXT_YEAR = Instant.parse("2027-11-20T08:30:00Z");

    /** Alice's email at the app, at Heroku (kept hours: its date is past), and onward in the backups. */
    private static AccessReport alice() {
        return AccessReport.of(
                new SubjectLocations(
                        List.of("s-a11ce"),
                        List.of(
                                location(
                                        "user.contact.email",
                                        "smarttrackers-app",
                                        "SmartTrackers application",
                                        true,
                                        List.of(),
                                        null,
                                        "HELD",
                                        "account",
                                        "CONTRACT"),
                                location(
                                        "user.contact.email",
                                        "heroku",
                                        "Heroku",
                                        true,
                                        List.of(),
                                        YESTERDAY,
                                        "HELD",
                                        "hosting",
                                        "CONTRACT"),
                                location(
                                        "user.contact.email",
                                        "transip-vps-backups",
                                        "TransIP (VPS backups)",
                                        false,
                                        List.of("smarttrackers-app"),
                                        NEXT_YEAR,
                                        "HELD",
                                        "database-backup",
                                        "LEGITIMATE_INTERESTS"),
                                location(
                                        "user.behavior.browsing_history",
                                        "google-analytics",
                                        "Google Analytics",
                                        true,
                                        List.of(),
                                        NEXT_YEAR,
                                        "HELD",
                                        "website-analytics",
                                        "LEGITIMATE_INTERESTS"),
                                location(
                                        "user.name",
                                        "postmark",
                                        "Postmark",
                                        true,
                                        List.of(),
                                        YESTERDAY,
                                        "ERASED",
                                        "system-mail",
                                        "CONTRACT"))),
                "SmartTrackers B.V.",
                NOW);
    }

    private static ControllerPolicy policy() {
        return ControllerPolicy.newBuilder()
                .setLegalEntity("SmartTrackers B.V.")
                .setCountry("NL")
                .setContactEmail("info@smarttrackers.nl")
                .setSupervisoryAuthority(SupervisoryAuthority.newBuilder()
                        .setName("Autoriteit Persoonsgegevens")
                        .setCountry("NL")
                        .setComplaintUrl(
                                "https://autoriteitpersoonsgegevens.nl/nl/contact-met-de-autoriteit-persoonsgegevens/tip-ons")
                        .build())
                .setCatalogVersion("2022-01-17")
                .build();
    }

    private static ReportContext context(ReportLanguage language) {
        return new ReportContext(
                language,
                Optional.of(policy()),
                NOW,
                Optional.of(new ReportContext.RequestFacts(
                        "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93",
                        "ACCESS",
                        Instant.parse("2026-12-01T10:00:00Z"),
                        List.of(),
                        null)));
    }

    @Test
    void shouldNameCategoriesByFideslangsNamesAndDescriptionsNotByKeys() {
        String html = PersonReportHtml.render(alice(), context(ReportLanguage.EN));

        assertThat(html)
                .contains("<strong>User Contact Email</strong>: User&#39;s contact email address.")
                .contains("<strong>Browsing History</strong>: Content browsing history of a user.")
                .doesNotContain("user.contact.email")
                .doesNotContain("user.behavior.browsing_history")
                .doesNotContain("user.name");
    }

    @Test
    void shouldNeverSayKeptUntilADateAlreadyPast() {
        String html = PersonReportHtml.render(alice(), context(ReportLanguage.EN));

        // Heroku's retention ended yesterday: gone (or to be deleted) by then, never "kept until"
        assertThat(html)
                .contains("Its retention period ended on December 7, 2026: by then this copy should have been deleted,"
                        + " or it expired by itself.")
                .doesNotContain("Kept until December 7, 2026")
                .contains("Kept until November 20, 2027 at the latest.")
                .contains("This copy was erased at your or our request.")
                .contains("How long it is kept: not declared.");
    }

    @Test
    void shouldSayWhereWhyFromWhereTheRightsAndWhereToComplain() {
        String html = PersonReportHtml.render(alice(), context(ReportLanguage.EN));

        assertThat(html)
                .contains("<h3>TransIP (VPS backups)</h3>")
                .contains("Run by Entity B.V., Netherlands.")
                .contains("They received it through SmartTrackers application.")
                .contains("This is one of our own systems.")
                .contains("to perform our agreement with you (GDPR Article 6(1)(b))")
                .contains("Database backup")
                .contains("Take it with you")
                .contains("(Article 22)")
                .contains("write to info@smarttrackers.nl")
                .contains(
                        "the supervisory authority, Autoriteit Persoonsgegevens:"
                                + " https://autoriteitpersoonsgegevens.nl/nl/contact-met-de-autoriteit-persoonsgegevens/tip-ons")
                .contains("a request to see your data (access) (reference 3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93)");
    }

    @Test
    void shouldWriteTheSameReportInDutch() {
        String html = PersonReportHtml.render(alice(), context(ReportLanguage.NL));

        assertThat(html)
                .contains("lang=\"nl\"")
                .contains("<strong>E-mailadres</strong>: Uw e-mailadres.")
                .contains("<strong>Surfgedrag</strong>")
                .contains("De bewaartermijn liep af op 7 december 2026")
                .doesNotContain("Bewaard tot uiterlijk 7 december 2026")
                .contains("Bewaard tot uiterlijk 20 november 2027.")
                .contains("Beheerd door Entity B.V., Nederland.")
                .contains("een klacht indienen bij de toezichthouder, de Autoriteit Persoonsgegevens")
                .contains("Meenemen:")
                .doesNotContain("user.contact.email");
    }

    @Test
    void shouldFallBackToEnglishWithANoteWhereNoDutchNameIsWritten() {
        AccessReport report = AccessReport.of(
                new SubjectLocations(
                        List.of("s-a11ce"),
                        List.of(location(
                                "user.biometric.voice", "app", "App", true, List.of(), null, "HELD", "x", "CONTRACT"))),
                "SmartTrackers B.V.",
                NOW);

        String html = PersonReportHtml.render(report, context(ReportLanguage.NL));

        assertThat(html)
                .contains("<strong>Voice Recording</strong>: Voice encoded data about a subject."
                        + " (deze omschrijving is in het Engels: er is nog geen Nederlandse vertaling)");
    }

    @Test
    void shouldHaveADutchNameForEveryCategoryTheSeedCatalogUses() {
        for (String key : List.of(
                "user",
                "user.account",
                "user.behavior.browsing_history",
                "user.contact.address",
                "user.contact.address.country",
                "user.contact.email",
                "user.contact.phone_number",
                "user.content.private",
                "user.demographic.language",
                "user.device",
                "user.device.ip_address",
                "user.name",
                "user.payment")) {
            assertThat(CategoryNames.get().hasTranslation(key, ReportLanguage.NL))
                    .as(key)
                    .isTrue();
            assertThat(CategoryNames.get().hasTranslation(key, ReportLanguage.EN))
                    .as(key)
                    .isTrue();
        }
    }

    @Test
    void shouldHaveEverySentenceInEveryLanguage() throws Exception {
        java.util.Properties english = new java.util.Properties();
        java.util.Properties dutch = new java.util.Properties();
        try (var en = PersonReportTest.class.getResourceAsStream("/report/text_en.properties");
                var nl = PersonReportTest.class.getResourceAsStream("/report/text_nl.properties")) {
            english.load(new java.io.InputStreamReader(en, StandardCharsets.UTF_8));
            dutch.load(new java.io.InputStreamReader(nl, StandardCharsets.UTF_8));
        }
        assertThat(dutch.keySet()).isEqualTo(english.keySet());
    }

    @Test
    void shouldBeWellFormedXhtmlAndEscapeEveryValue() throws Exception {
        AccessReport report = AccessReport.of(
                new SubjectLocations(
                        List.of("s-a11ce"),
                        List.of(location(
                                "user.name",
                                "evil",
                                "<b>Evil & Co</b>",
                                true,
                                List.of(),
                                null,
                                "HELD",
                                "x",
                                "CONTRACT"))),
                "SmartTrackers B.V.",
                NOW);

        String html = PersonReportHtml.render(report, context(ReportLanguage.EN));

        assertThat(html).contains("&lt;b&gt;Evil &amp; Co&lt;/b&gt;").doesNotContain("<b>Evil");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(
                        html.replace("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRenderThePdfWithTheSameText() throws Exception {
        byte[] pdf = ReportPdf.render(alice(), context(ReportLanguage.NL));

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains("Uw persoonsgegevens: inzage")
                    .contains("E-mailadres")
                    .contains("Zij kregen ze via SmartTrackers application.")
                    .contains("Autoriteit Persoonsgegevens")
                    .contains("De bewaartermijn liep af op 7 december 2026");
        }
    }

    private static Location location(
            String category,
            String holder,
            String name,
            boolean direct,
            List<String> path,
            Instant until,
            String status,
            String purpose,
            String basis) {
        return new Location(
                "s-a11ce",
                category,
                holder,
                name,
                "Entity B.V.",
                "NL",
                holder.equals("smarttrackers-app") ? "INTERNAL" : "PROCESSOR",
                direct,
                path,
                List.of(purpose),
                List.of(basis),
                List.of("smarttrackers-app"),
                Instant.parse("2026-03-02T09:00:00Z"),
                Instant.parse("2026-11-20T08:30:00Z"),
                until,
                status,
                null);
    }
}

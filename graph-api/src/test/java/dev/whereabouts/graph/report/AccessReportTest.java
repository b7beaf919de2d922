package dev.whereabouts.graph.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.lookup.Location;
import dev.whereabouts.graph.lookup.SubjectLocations;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessReportTest {

    private static final Instant T = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void shouldGroupRecipientsMarkOnwardOnesAndKeepTheLatestRetention() {
        // Given an email at Postmark directly and at the backups only onward
        SubjectLocations locations = new SubjectLocations(
                List.of("s1"),
                List.of(
                        location("user.contact.email", "postmark", true, List.of(), T.plusSeconds(10)),
                        location("user.name", "postmark", true, List.of(), T.plusSeconds(20)),
                        location("user.contact.email", "backups", false, List.of("app"), null)));

        // When the report is built
        AccessReport report = AccessReport.of(locations, "SmartTrackers B.V.", T);

        // Then each holder is one recipient
        assertThat(report.recipients())
                .extracting(AccessReport.Recipient::holder)
                .containsExactly("backups", "postmark");
        assertThat(report.recipients().get(0).onward()).isTrue();
        assertThat(report.recipients().get(1).onward()).isFalse();
        assertThat(report.recipients().get(1).retentionUntil()).isEqualTo(T.plusSeconds(20));
        assertThat(report.recipients().get(1).categories()).containsExactly("user.contact.email", "user.name");
        assertThat(report.categories()).containsExactly("user.contact.email", "user.name");
        assertThat(report.sources()).containsExactly("app-service");
    }

    @Test
    void shouldEscapeEveryValueInTheHtmlPageAndShowTheRouteOfOnwardData() {
        SubjectLocations locations = new SubjectLocations(
                List.of("s1"),
                List.of(
                        location("user.contact.email", "<script>alert(1)</script>", true, List.of(), null),
                        location("user.contact.email", "s3", false, List.of("app", "transip"), T)));

        String html = AccessReportHtml.render(AccessReport.of(locations, "A & B", T));

        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("A &amp; B")
                .contains("app \u2192 transip \u2192 s3")
                .contains("not declared");
    }

    private static Location location(String category, String holder, boolean direct, List<String> path, Instant until) {
        return new Location(
                "s1",
                category,
                holder,
                holder,
                "Entity",
                "US",
                "PROCESSOR",
                direct,
                path,
                List.of("mail"),
                List.of("CONTRACT"),
                List.of("app-service"),
                T,
                T,
                until,
                "HELD",
                null);
    }
}

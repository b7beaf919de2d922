package dev.whereabouts.graph.ropa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RopaFormatsTest {

    private static final RopaEntry POSTMARK = new RopaEntry(
            "postmark",
            "Postmark, \"mail\"",
            "WildBit LLC",
            "US",
            true,
            "PROCESSOR",
            true,
            List.of("transactional-mail"),
            List.of("user.contact.email", "user.device.ip_address"),
            List.of("user.contact.email"),
            List.of("user: P45D (45 days)"),
            List.of(),
            List.of(),
            "KAFKA");

    @Test
    void shouldWriteRfc4180CsvWithAHeaderQuotingCommasAndQuotesAndJoiningLists() {
        String csv = RopaFormats.csv(List.of(POSTMARK));
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("holder,name,legal entity,country,third country,role");
        assertThat(lines[1])
                .startsWith("postmark,\"Postmark, \"\"mail\"\"\",WildBit LLC,US,yes,PROCESSOR,yes,transactional-mail,"
                        + "user.contact.email; user.device.ip_address,user.contact.email,user: P45D (45 days),,,KAFKA");
    }

    @Test
    void shouldDefuseSpreadsheetFormulasInCsvCells() {
        assertThat(RopaFormats.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(RopaFormats.csvField("@SUM")).isEqualTo("'@SUM");
    }

    @Test
    void shouldWriteAMarkdownTableEscapingPipesAndNewlines() {
        String markdown = RopaFormats.markdown(List.of(POSTMARK), "SmartTrackers | B.V.");
        assertThat(markdown)
                .startsWith("# Record of processing activities (GDPR Art. 30)")
                .contains("Controller: SmartTrackers \\| B.V.")
                .contains("| postmark | Postmark, \"mail\" | WildBit LLC | US | yes | PROCESSOR | yes |");
        assertThat(RopaFormats.markdownCell("a|b\nc")).isEqualTo("a\\|b<br>c");
    }

    @Test
    void shouldFlagCountriesOutsideTheEeaAsThirdCountries() {
        assertThat(RopaEntry.outsideEea("US")).isTrue();
        assertThat(RopaEntry.outsideEea("nl")).isFalse();
        assertThat(RopaEntry.outsideEea("NO")).isFalse();
        assertThat(RopaEntry.outsideEea(null)).isFalse();
    }
}

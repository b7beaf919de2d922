package dev.whereabouts.graph.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.dsr.RefusalGround;
import org.junit.jupiter.api.Test;

class RefusalNoticeTest {

    @Test
    void shouldTellThePersonWhoRefusedWhyAndWhereToComplainForAnExcessiveRequest() {
        String notice = RefusalNotice.compose(
                SeedScenario.controllerPolicy(),
                RefusalGround.EXCESSIVE,
                "the fourth identical access request this month, each answered in full");

        assertThat(notice)
                .isEqualTo("SmartTrackers B.V. will not act on your request, because it is excessive, in particular"
                        + " because of its repetitive character (GDPR Art. 12(5)(b))."
                        + " Our reasons: the fourth identical access request this month, each answered in full."
                        + " You have the right to lodge a complaint with the supervisory authority, Autoriteit"
                        + " Persoonsgegevens (https://autoriteitpersoonsgegevens.nl/en/contact-the-dutch-dpa), and the"
                        + " right to seek a judicial remedy before a court (GDPR Art. 12(4), 77 and 79).");
    }

    @Test
    void shouldNameTheGroundOfAManifestlyUnfoundedRequest() {
        String notice = RefusalNotice.compose(
                SeedScenario.controllerPolicy(),
                RefusalGround.MANIFESTLY_UNFOUNDED,
                "the request concerns a service we never offered!");

        assertThat(notice)
                .startsWith("SmartTrackers B.V. will not act on your request, because it is manifestly unfounded"
                        + " (GDPR Art. 12(5)(b)). Our reasons: the request concerns a service we never offered! You"
                        + " have the right to lodge a complaint")
                .contains("Autoriteit Persoonsgegevens", "judicial remedy");
    }

    @Test
    void shouldSayTheIdentityCouldNotBeEstablishedWhenAVerificationFails() {
        String notice = RefusalNotice.compose(
                SeedScenario.controllerPolicy(),
                RefusalGround.IDENTITY_NOT_ESTABLISHED,
                "  the name on the document differs from the account's  ");

        assertThat(notice)
                .startsWith("SmartTrackers B.V. cannot act on your request, because it could not establish that you are"
                        + " the person the request is about (GDPR Art. 11(2) and 12(2))."
                        + " Our reasons: the name on the document differs from the account's. You have the right")
                .contains(
                        "supervisory authority, Autoriteit Persoonsgegevens"
                                + " (https://autoriteitpersoonsgegevens.nl/en/contact-the-dutch-dpa)",
                        "the right to seek a judicial remedy before a court (GDPR Art. 12(4), 77 and 79).");
    }
}

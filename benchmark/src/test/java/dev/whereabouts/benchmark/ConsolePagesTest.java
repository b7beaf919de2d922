package dev.whereabouts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsolePagesTest {

    @Test
    void shouldReadALinkAsTheBrowserDoesWithEntitiesResolved() {
        assertThat(ConsolePages.unescape(
                        "/console/findings/group?holder&#x3D;postmark&amp;kind&#61;RETENTION_EXPIRED&rule&#x3D;a+b"))
                .isEqualTo("/console/findings/group?holder=postmark&kind=RETENTION_EXPIRED&rule=a+b");
        assertThat(ConsolePages.unescape("/console/holders")).isEqualTo("/console/holders");
    }
}

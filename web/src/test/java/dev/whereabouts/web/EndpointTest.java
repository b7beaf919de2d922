package dev.whereabouts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    private static final Endpoint SUBJECT_VERSIONS =
            Endpoint.open("GET", "/subjects/{subject}/versions", r -> Response.text(200, "text/plain", ""));

    @Test
    void shouldDecodeEachPathSegmentOnItsOwn() {
        assertThat(SUBJECT_VERSIONS.match("/subjects/a%2Fb/versions/"))
                .hasValueSatisfying(parameters -> assertThat(parameters).containsEntry("subject", "a/b"));
        assertThat(Endpoint.decodeSegment("a+b%20c")).isEqualTo("a+b c");
    }

    @Test
    void shouldRejectBadPercentEncoding() {
        assertThatThrownBy(() -> Endpoint.decodeSegment("%zz"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("percent-encoding");
    }

    @Test
    void shouldMatchOnlyPathsOfTheSameShape() {
        assertThat(SUBJECT_VERSIONS.match("/subjects/users/versions/1")).isEmpty();
        assertThat(SUBJECT_VERSIONS.match("/subjects//versions")).isEmpty();
        assertThat(SUBJECT_VERSIONS.match("/schemas/users/versions")).isEmpty();
    }
}

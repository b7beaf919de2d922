package dev.whereabouts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTest {

    private static final Route SUBJECT_VERSIONS =
            Route.open("GET", "/subjects/{subject}/versions", r -> Response.text(200, "text/plain", ""));

    @Test
    void shouldDecodeEachPathSegmentOnItsOwn() {
        assertThat(SUBJECT_VERSIONS.match("/subjects/a%2Fb/versions/"))
                .hasValueSatisfying(parameters -> assertThat(parameters).containsEntry("subject", "a/b"));
        assertThat(Route.decodeSegment("a+b%20c")).isEqualTo("a+b c");
    }

    @Test
    void shouldRejectBadPercentEncoding() {
        assertThatThrownBy(() -> Route.decodeSegment("%zz"))
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

package dev.whereabouts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void shouldDecodeFieldsAsAnHtmlFormPostsThemKeepingEveryValueInOrder() {
        FormBody form = FormBody.parse(
                "reason=DSR+ticket+4711%3A+where&scope=user.contact.email&scope=user.contact.phone_number&empty=&flag"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(form.first("reason")).contains("DSR ticket 4711: where");
        assertThat(form.all("scope")).containsExactly("user.contact.email", "user.contact.phone_number");
        assertThat(form.first("empty")).isEmpty();
        assertThat(form.first("flag")).isEmpty();
        assertThat(form.first("missing")).isEmpty();
        assertThat(form.names()).containsExactly("reason", "scope", "empty", "flag");
    }

    @Test
    void shouldRefuseBadPercentEncodingNamingTheBodyButNotItsContent() {
        assertThatThrownBy(() -> FormBody.parse("email=alice%ZZexample.com".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors())
                            .extracting(FieldError::field)
                            .containsExactly("body");
                })
                .hasMessageNotContaining("alice");
    }
}

package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private final Templates templates = new Templates();

    @Test
    void shouldEscapeEveryValueSoAHolderOrNoteCannotInjectMarkup() {
        String page = templates.render(
                "error",
                Map.of(
                        "status",
                        422,
                        "title",
                        "<script>alert(1)</script>",
                        "detail",
                        "a \"quoted\" & <b>bold</b> detail",
                        "hasErrors",
                        true,
                        "errors",
                        List.of(Map.of("field", "reason", "reason", "<img src=x>")),
                        "signInAgain",
                        false));

        assertThat(page)
                .doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;b&gt;bold&lt;/b&gt;")
                .contains("&lt;img src&#x3D;x&gt;");
    }

    @Test
    void shouldFailOnAValueTheModelLacksInsteadOfRenderingAnEmptyCell() {
        assertThatThrownBy(() -> templates.render("error", Map.of("status", 404)))
                .hasMessageContaining("title");
    }
}

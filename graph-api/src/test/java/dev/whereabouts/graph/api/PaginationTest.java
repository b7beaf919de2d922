package dev.whereabouts.graph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.web.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaginationTest {

    @Test
    void shouldReturnANextCursorHoldingTheLastSortKeyWhenMoreItemsWereFetchedThanTheLimit() {
        // Given limit + 1 items fetched
        List<String> fetched = List.of("a", "b", "c");

        // When paged by 2
        Pagination.Page<String> page = Pagination.page(fetched, 2, s -> List.of(s));

        // Then the extra item is dropped and the cursor names the last item shown
        assertThat(page.items()).containsExactly("a", "b");
        assertThat(Pagination.decode(page.nextCursor(), 1)).containsExactly("b");
    }

    @Test
    void shouldHaveNoNextCursorOnTheLastPage() {
        assertThat(Pagination.page(List.of("a"), 2, s -> List.of(s)).nextCursor())
                .isNull();
    }

    @Test
    void shouldRejectACursorThatIsNotBase64JsonOrHasTheWrongShapeNamingTheParameter() {
        for (String bad : List.of("%%%", "bm90LWpzb24", Pagination.encode(List.of("a", "b")))) {
            assertThatThrownBy(() -> Pagination.decode(bad, 1))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> {
                        ProblemException problem = (ProblemException) e;
                        assertThat(problem.problem().status()).isEqualTo(400);
                        assertThat(problem.problem().errors())
                                .extracting("field")
                                .containsExactly("cursor");
                    });
        }
    }

    @Test
    void shouldPageAnInMemoryListByOffset() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        assertThat(Pagination.offsetPage(all, 1, 2).items()).containsExactly(2, 3);
        assertThat(Pagination.offsetPage(all, 1, 2).nextCursor()).isEqualTo("3");
        assertThat(Pagination.offsetPage(all, 4, 2).nextCursor()).isNull();
        assertThat(Pagination.offsetPage(all, 9, 2).items()).isEmpty();
    }
}

package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.holder.HolderDetail.CategoryCount;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolderPagesTest {

    @Test
    void shouldSumEachCategorysPeopleOverTheirStatusesCategoriesAndStatusesInOrder() {
        List<HolderPages.CategoryPeople> rows = HolderPages.categoryPeople(List.of(
                new CategoryCount("user.contact.phone_number", "HELD", 1),
                new CategoryCount("user.contact.email", "HELD", 3),
                new CategoryCount("user.contact.email", "ERASED", 2),
                new CategoryCount("user.contact.email", null, 1)));

        assertThat(rows)
                .containsExactly(
                        new HolderPages.CategoryPeople(
                                "user.contact.email",
                                6,
                                List.of(
                                        new HolderPages.StatusCount("ERASED", 2),
                                        new HolderPages.StatusCount("HELD", 3),
                                        new HolderPages.StatusCount("UNKNOWN", 1))),
                        new HolderPages.CategoryPeople(
                                "user.contact.phone_number", 1, List.of(new HolderPages.StatusCount("HELD", 1))));
    }

    @Test
    void shouldShowNoCategoriesWhenLineageShowsNoOneAtTheHolder() {
        assertThat(HolderPages.categoryPeople(List.of())).isEmpty();
    }
}

package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.findings.FindingRepository.FindingGroup;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingGroupsTest {

    private static final Instant DAY_1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-01-03T00:00:00Z");

    private final FindingGroup postmarkMail =
            new FindingGroup("postmark", "RETENTION_EXPIRED", "user.contact.email", "45 days", 3, DAY_2);
    private final FindingGroup postmarkPhone =
            new FindingGroup("postmark", "RETENTION_EXPIRED", "user.contact.phone_number", "45 days", 1, DAY_1);
    private final FindingGroup backups =
            new FindingGroup("transip", "BACKUP_PROMISE_EXCEEDED", "user.contact.email", "1 year", 3, DAY_3);

    @Test
    void shouldPutTheLargestGroupsFirstAndBreakTiesByHolderKindCategoryAndRule() {
        assertThat(FindingGroups.sorted(List.of(postmarkPhone, backups, postmarkMail), FindingGroups.Sort.COUNT))
                .containsExactly(postmarkMail, backups, postmarkPhone);
    }

    @Test
    void shouldPutTheOldestDueDateFirstWhenAsked() {
        assertThat(FindingGroups.sorted(List.of(backups, postmarkMail, postmarkPhone), FindingGroups.Sort.DUE))
                .containsExactly(postmarkPhone, postmarkMail, backups);
    }

    @Test
    void shouldSumTheGroupsOfEachHolderWithItsOldestDueDate() {
        assertThat(FindingGroups.perHolder(List.of(backups, postmarkMail, postmarkPhone)))
                .containsExactly(
                        new FindingGroups.HolderTotal("postmark", 2, 4, DAY_1),
                        new FindingGroups.HolderTotal("transip", 1, 3, DAY_3));
    }

    @Test
    void shouldSumNothingWhenNothingIsOpen() {
        assertThat(FindingGroups.perHolder(List.of())).isEmpty();
    }
}

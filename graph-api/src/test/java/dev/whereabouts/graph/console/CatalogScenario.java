package dev.whereabouts.graph.console;

import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.model.retention.RetentionFinding;
import dev.whereabouts.model.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed scenario plus four more people and retention findings, for the console's holder and
 * findings pages: Postmark holds five people's e-mail addresses (three held, two erased) and Alice's
 * phone number; the TransIP backups hold three of them; seven findings are open in three groups and
 * one is resolved.
 */
final class CatalogScenario {

    static final String BOB_1 = "s-b0b1";
    static final String BOB_2 = "s-b0b2";
    static final String BOB_3 = "s-b0b3";
    static final String BOB_4 = "s-b0b4";
    static final String PHONE = "user.contact.phone_number";

    static final String POSTMARK_MAIL_RULE = "postmark keeps user.contact.email P45D after the last share (catalog)";
    static final String POSTMARK_PHONE_RULE =
            "postmark keeps user.contact.phone_number P45D after the last share (catalog)";
    static final String BACKUP_RULE = "backups keep data at most P1Y after the last share (privacy statement)";

    /** The due date of Alice's e-mail at Postmark: the oldest of every open finding. */
    static final Instant FIRST_DUE = SeedScenario.postmarkRetention();

    private CatalogScenario() {}

    /** Produces the seed scenario, the extra people and the findings, and lets the writer write them. */
    static void produce(RunningApi api) {
        api.clients.produceSeedScenario();
        List<LineageRecord> lineage = new ArrayList<>();
        for (String subject : List.of(BOB_1, BOB_2, BOB_3, BOB_4)) {
            LineageRecord mail = SeedScenario.direct(
                    subject,
                    SeedScenario.EMAIL,
                    "postmark",
                    "transactional-mail",
                    dev.whereabouts.model.common.LegalBasis.CONTRACT,
                    java.time.Period.ofDays(45));
            boolean erased = subject.equals(BOB_3) || subject.equals(BOB_4);
            lineage.add(
                    erased
                            ? LineageRecord.newBuilder(mail)
                                    .setStatus(LineageStatus.ERASED)
                                    .build()
                            : mail);
        }
        for (String subject : List.of(BOB_1, BOB_2, BOB_3)) {
            lineage.add(SeedScenario.onward(
                    subject,
                    SeedScenario.EMAIL,
                    "transip-vps-backups",
                    List.of("smarttrackers-app"),
                    java.time.Period.ofYears(1)));
        }
        api.clients.produceLineage(lineage);
        Map<String, RetentionFinding> findings = new LinkedHashMap<>();
        for (RetentionFinding finding : findings()) {
            findings.put(finding.getFindingId(), finding);
        }
        api.clients.produce(Topics.RETENTION_FINDINGS, findings);
        api.catchUp();
    }

    /** Seven open findings in three groups, and one resolved. */
    static List<RetentionFinding> findings() {
        Instant backupDue = SeedScenario.LAST_MAIL.plus(Duration.ofDays(366));
        return List.of(
                finding(
                        SeedScenario.ALICE,
                        SeedScenario.EMAIL,
                        "postmark",
                        FindingKind.RETENTION_EXPIRED,
                        FIRST_DUE,
                        POSTMARK_MAIL_RULE,
                        false),
                finding(
                        BOB_1,
                        SeedScenario.EMAIL,
                        "postmark",
                        FindingKind.RETENTION_EXPIRED,
                        FIRST_DUE.plus(Duration.ofDays(1)),
                        POSTMARK_MAIL_RULE,
                        false),
                finding(
                        BOB_2,
                        SeedScenario.EMAIL,
                        "postmark",
                        FindingKind.RETENTION_EXPIRED,
                        FIRST_DUE.plus(Duration.ofDays(2)),
                        POSTMARK_MAIL_RULE,
                        false),
                finding(
                        SeedScenario.ALICE,
                        PHONE,
                        "postmark",
                        FindingKind.RETENTION_EXPIRED,
                        FIRST_DUE.plus(Duration.ofDays(3)),
                        POSTMARK_PHONE_RULE,
                        false),
                finding(
                        BOB_1,
                        SeedScenario.EMAIL,
                        "transip-vps-backups",
                        FindingKind.BACKUP_PROMISE_EXCEEDED,
                        backupDue,
                        BACKUP_RULE,
                        false),
                finding(
                        BOB_2,
                        SeedScenario.EMAIL,
                        "transip-vps-backups",
                        FindingKind.BACKUP_PROMISE_EXCEEDED,
                        backupDue,
                        BACKUP_RULE,
                        false),
                finding(
                        BOB_3,
                        SeedScenario.EMAIL,
                        "transip-vps-backups",
                        FindingKind.BACKUP_PROMISE_EXCEEDED,
                        backupDue.plus(Duration.ofDays(1)),
                        BACKUP_RULE,
                        false),
                finding(
                        SeedScenario.ALICE,
                        SeedScenario.EMAIL,
                        "transip-vps-backups",
                        FindingKind.BACKUP_PROMISE_EXCEEDED,
                        backupDue,
                        BACKUP_RULE,
                        true));
    }

    private static RetentionFinding finding(
            String subject,
            String category,
            String holder,
            FindingKind kind,
            Instant due,
            String rule,
            boolean resolved) {
        return RetentionFinding.newBuilder()
                .setFindingId(subject + "/" + category + "/" + holder + "/" + kind.name())
                .setSubjectId(subject)
                .setCategory(category)
                .setHolder(holder)
                .setKind(kind)
                .setLastSharedAt(SeedScenario.LAST_MAIL)
                .setDueAt(due)
                .setDetectedAt(due.plusSeconds(60))
                .setResolved(resolved)
                .setRule(rule)
                .build();
    }
}

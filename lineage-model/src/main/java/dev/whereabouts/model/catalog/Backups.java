package dev.whereabouts.model.catalog;

import java.util.Collection;
import java.util.Locale;

/**
 * Which holders keep backups: a holder whose catalog purposes name backups ({@code database-backup},
 * {@code file-backup}). The topology checks such holders against the controller's backup promise;
 * the console draws them as backups. The catalog's purpose entries carry a {@code backup} flag, but
 * the holder records on Kafka carry purpose ids only, so the rule reads the ids.
 */
public final class Backups {

    private Backups() {}

    /** True when the purpose id or text names backups. */
    public static boolean isBackupPurpose(String purpose) {
        return purpose != null && purpose.toLowerCase(Locale.ROOT).contains("backup");
    }

    /** True when any of a holder's purposes names backups. */
    public static boolean isBackupHolder(Collection<String> purposes) {
        return purposes != null && purposes.stream().anyMatch(Backups::isBackupPurpose);
    }
}

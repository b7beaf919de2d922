package dev.whereabouts.dispatch;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.ServiceCommandLine;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import dev.whereabouts.model.config.Settings;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The task dispatcher's keys: its consumer group, how often and how patiently it retries a holder,
 * the webhook client's timeouts, and the SMTP server it sends e-mail through (or the outbox it writes
 * e-mail to when none is set). The keys both ends of a delivery read (callback URL, token key, webhook
 * secrets) are {@link DeliverySettings}.
 */
public final class DispatchSettings {

    /** The prefix the dispatcher's own command drops from its option names. */
    public static final String PREFIX = "delivery.";

    public static final Setting<String> GROUP_ID = Setting.text(
            "delivery.group.id",
            "whereabouts-dispatcher",
            "Consumer group of the task dispatcher; instances with the same group share the task partitions.");
    public static final Setting<Integer> THREADS = Setting.integer(
            "delivery.threads",
            8,
            1,
            256,
            "Deliveries in flight at once, each to a different holder (a holder's tasks go one at a time, in order).");
    public static final Setting<Integer> MAX_PENDING = Setting.integer(
            "delivery.max.pending",
            10_000,
            1,
            Integer.MAX_VALUE,
            "Tasks read but not yet delivered or given up before the dispatcher stops reading more; bounds its"
                    + " memory while a holder is down.");
    public static final Setting<Integer> RETRY_TRIES = Setting.integer(
            "delivery.retry.tries",
            10,
            1,
            100,
            "Tries per task before it is given up (dead letter and FAILED outcome): the first delivery and the"
                    + " retries.");
    public static final Setting<Long> RETRY_BACKOFF_MS = Setting.longInteger(
            "delivery.retry.backoff.ms",
            1_000L,
            1,
            "Pause before the first retry of a holder, in ms; it doubles with each further retry.");
    public static final Setting<Long> RETRY_MAX_BACKOFF_MS = Setting.longInteger(
            "delivery.retry.max.backoff.ms",
            300_000L,
            1,
            "Longest pause between two tries of a holder, in ms (the doubling stops there).");
    public static final Setting<Long> HTTP_CONNECT_TIMEOUT_MS = Setting.longInteger(
            "delivery.http.connect.timeout.ms",
            5_000L,
            1,
            "How long a webhook holder may take to accept the connection, in ms; then the try fails and is"
                    + " retried.");
    public static final Setting<Long> HTTP_REQUEST_TIMEOUT_MS = Setting.longInteger(
            "delivery.http.request.timeout.ms",
            15_000L,
            1,
            "How long a webhook holder may take to answer a task, in ms; then the try fails and is retried.");
    public static final Setting<String> OUTBOX_DIR = Setting.text(
            "delivery.outbox.dir",
            "data/outbox",
            "Directory e-mails are written to as RFC 822 .eml files when smtp.host is not set (the embedded"
                    + " demo: <data dir>/outbox).");

    public static final Setting<String> SMTP_HOST = Setting.optionalText(
            "smtp.host",
            "SMTP server the dispatcher sends e-mail to EMAIL holders through; empty: each e-mail is written to"
                    + " delivery.outbox.dir instead.");
    public static final Setting<Integer> SMTP_PORT =
            Setting.port("smtp.port", 587, "SMTP server port: 587 for STARTTLS submission, 465 for TLS, 25 for NONE.");
    public static final Setting<SmtpSecurity> SMTP_TLS = Setting.choice(
            "smtp.tls",
            SmtpSecurity.class,
            SmtpSecurity.STARTTLS,
            "How the SMTP connection is protected: NONE, STARTTLS (required, not opportunistic) or TLS (SMTPS).");
    public static final Setting<String> SMTP_SSL_TRUST = Setting.optionalText(
            "smtp.ssl.trust",
            "Hosts (space-separated) whose SMTP certificate is trusted without checking it against the JVM's CAs;"
                    + " empty checks every certificate. For a private relay or a test server only.");
    public static final Setting<String> SMTP_USERNAME =
            Setting.optionalText("smtp.username", "SMTP user name; empty for no authentication.");
    public static final Setting<String> SMTP_PASSWORD = Setting.optionalText(
                    "smtp.password", "SMTP password, used with the user name.")
            .secret();
    public static final Setting<String> SMTP_FROM = Setting.text(
            "smtp.from",
            "whereabouts@localhost",
            "Sender of the task e-mails, e.g. Privacy team <privacy@example.com>; holders' replies go there.",
            "an e-mail address, optionally with a name",
            DispatchSettings::isAddress);
    public static final Setting<Long> SMTP_TIMEOUT_MS = Setting.longInteger(
            "smtp.timeout.ms",
            20_000L,
            1,
            "How long the SMTP server may take to connect or to answer a command, in ms; then the try is retried.");

    public static final SettingGroup GROUP = new SettingGroup(
            "Task dispatcher",
            "Read by the task dispatcher (`DispatcherApp`, and inside `./whereabouts`), which delivers the tasks of"
                    + " WEBHOOK and EMAIL holders (docs/channels.md).",
            List.of(
                    GROUP_ID,
                    THREADS,
                    MAX_PENDING,
                    RETRY_TRIES,
                    RETRY_BACKOFF_MS,
                    RETRY_MAX_BACKOFF_MS,
                    HTTP_CONNECT_TIMEOUT_MS,
                    HTTP_REQUEST_TIMEOUT_MS,
                    OUTBOX_DIR,
                    SMTP_HOST,
                    SMTP_PORT,
                    SMTP_TLS,
                    SMTP_SSL_TRUST,
                    SMTP_USERNAME,
                    SMTP_PASSWORD,
                    SMTP_FROM,
                    SMTP_TIMEOUT_MS));

    /** Every key the dispatcher reads: its own, the channel keys and the shared ones. */
    public static List<SettingGroup> groups() {
        return List.of(GROUP, DeliverySettings.GROUP, CommonSettings.GROUP);
    }

    /** {@link DispatcherApp}'s command line: these keys, {@code delivery.} dropped from the option names. */
    public static final ServiceCommandLine COMMAND_LINE = new ServiceCommandLine(
            "DispatcherApp", "Runs the task dispatcher: delivers WEBHOOK and EMAIL holders' tasks.", groups(), PREFIX);

    private DispatchSettings() {}

    /**
     * Reads every key the dispatcher uses now, so a bad value stops the start naming it rather than
     * a later delivery.
     *
     * @throws IllegalArgumentException naming the key
     */
    public static Settings validate(Settings settings) {
        for (SettingGroup group : groups()) {
            group.settings().forEach(settings::get);
        }
        if (settings.get(RETRY_MAX_BACKOFF_MS) < settings.get(RETRY_BACKOFF_MS)) {
            throw new IllegalArgumentException(RETRY_MAX_BACKOFF_MS.environmentVariable() + " must be at least "
                    + RETRY_BACKOFF_MS.environmentVariable());
        }
        return settings;
    }

    /** The retry schedule the settings give. */
    public static DeliveryBackoff backoff(Settings settings) {
        return new DeliveryBackoff(
                settings.get(RETRY_TRIES),
                Duration.ofMillis(settings.get(RETRY_BACKOFF_MS)),
                Duration.ofMillis(settings.get(RETRY_MAX_BACKOFF_MS)));
    }

    static boolean isAddress(String value) {
        try {
            new InternetAddress(value, true);
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}

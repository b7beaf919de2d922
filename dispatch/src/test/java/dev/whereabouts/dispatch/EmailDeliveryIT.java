package dev.whereabouts.dispatch;

import static dev.whereabouts.dispatch.DispatchProbe.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * EMAIL holders on the real embedded stack: the dispatcher sends through a real SMTP server the test
 * starts (GreenMail, plain SMTP and SMTPS with authentication), or writes .eml files to the outbox.
 */
@ExtendWith(EmbeddedStackExtension.class)
class EmailDeliveryIT {

    private static final String MAILBOX = "privacy@zendesk.example.test";
    private static final String FROM = "Privacy team <privacy@smarttrackers.example.test>";
    private static final Pattern FORM_LINK = Pattern.compile("(https://\\S+/v1/callbacks/tasks/(\\S+))\\?token=(\\S+)");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
                    ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS}))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("dispatcher", "dispatcher-password"));

    private DispatchProbe probe;
    private DispatcherApp dispatcher;

    @BeforeEach
    void publishTheCatalog(StackFixture stack) {
        probe = new DispatchProbe(stack);
        probe.publishCatalog(Map.of("zendesk", DispatchProbe.email(MAILBOX)));
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        probe.close();
    }

    @Test
    void shouldMailTheTaskWithItsAnswerLinkAndTokenAndThenItsReminder() throws Exception {
        // Given a dispatcher sending through plain SMTP
        SmtpServer smtp = SMTP.getSmtp();
        dispatcher = DispatcherApp.start(smtpSettings(smtp, SmtpSecurity.NONE));
        HolderTask task = TaskFixtures.anEraseTask("zendesk").build();

        // When the task and later its first reminder are written
        probe.produceTask(task);
        probe.produceTask(TaskFixtures.anEraseTask("zendesk").setReminder(1).build());

        // Then two e-mails arrive at the holder's mailbox, in order
        assertThat(SMTP.waitForIncomingEmail(30_000, 2)).isTrue();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage first = received[0];
        assertThat(first.getSubject())
                .isEqualTo("ERASE task for Zendesk (zendesk), request " + TaskFixtures.REQUEST_ID
                        + ": answer by 2026-12-21");
        assertThat(first.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress(MAILBOX));
        assertThat(first.getFrom()).containsExactly(new InternetAddress(FROM));
        assertThat(first.getHeader(CallbackLinks.TASK_ID_HEADER)).containsExactly(task.getTaskId());
        assertTheLinkAnswersThisTask(text(first), task);
        assertThat(received[1].getSubject()).startsWith("Reminder 1: ERASE task for Zendesk");
        assertThat(text(received[1])).contains("Reminder 1: we sent you this task on 2026-12-07");

        eventually("both tasks committed", 30, () -> probe.committedTasks() == 2);
        assertThat(dispatcher.dispatcher().delivered()).isEqualTo(2);
        assertThat(probe.deadLetters()).isEmpty();
    }

    @Test
    void shouldLogInOverTlsWithTheConfiguredUser() throws Exception {
        // Given SMTPS with GreenMail's own certificate, which the operator vouches for
        Settings settings = smtpSettings(SMTP.getSmtps(), SmtpSecurity.TLS)
                .with(DispatchSettings.SMTP_SSL_TRUST, SMTP.getSmtps().getBindTo())
                .with(DispatchSettings.SMTP_USERNAME, "dispatcher")
                .with(DispatchSettings.SMTP_PASSWORD, "dispatcher-password");
        dispatcher = DispatcherApp.start(settings);

        // When
        probe.produceTask(TaskFixtures.anEraseTask("zendesk").build());

        // Then
        assertThat(SMTP.waitForIncomingEmail(30_000, 1)).isTrue();
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).startsWith("ERASE task for Zendesk");
    }

    @Test
    void shouldGiveUpAndReportFailedWhenTheSmtpServerRefusesTheCredentials() throws Exception {
        Settings settings = smtpSettings(SMTP.getSmtp(), SmtpSecurity.NONE)
                .with(DispatchSettings.SMTP_USERNAME, "dispatcher")
                .with(DispatchSettings.SMTP_PASSWORD, "wrong-password");
        dispatcher = DispatcherApp.start(settings);

        probe.produceTask(TaskFixtures.anEraseTask("zendesk").build());

        eventually("the task given up", 30, () -> dispatcher.dispatcher().givenUp() == 1);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        List<DeadLetter> deadLetters = probe.deadLetters();
        assertThat(deadLetters).extracting(DeadLetter::getErrorClass).containsExactly("smtp-auth");
        assertThat(deadLetters.get(0).getReason())
                .isEqualTo("delivery failed after 3 tries: the SMTP server refused the dispatcher's credentials");
        assertThat(probe.outcomes())
                .extracting(HolderOutcome::getHolder, HolderOutcome::getOutcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("zendesk", OutcomeType.FAILED));
    }

    @Test
    void shouldWriteEachMailAsAParseableEmlFileToTheOutboxWhenNoSmtpHostIsSet(@TempDir Path outbox) throws Exception {
        // Given no SMTP server: the embedded demo's outbox
        Settings settings = probe.settings(TaskFixtures.CALLBACK, "")
                .with(DispatchSettings.OUTBOX_DIR, outbox.toString())
                .with(DispatchSettings.SMTP_FROM, FROM);
        dispatcher = DispatcherApp.start(settings);
        HolderTask task = TaskFixtures.anEraseTask("zendesk").build();

        // When
        probe.produceTask(task);

        // Then one whole .eml file appears, which parses back into the message
        eventually("an .eml file in the outbox", 30, () -> emlFiles(outbox).size() == 1);
        assertThat(dispatcher.mail().describe()).isEqualTo("outbox " + outbox.toAbsolutePath());
        MimeMessage message;
        try (InputStream in = Files.newInputStream(emlFiles(outbox).get(0))) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(message.getSubject()).startsWith("ERASE task for Zendesk (zendesk)");
        assertThat(message.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress(MAILBOX));
        assertThat(message.getFrom()).containsExactly(new InternetAddress(FROM));
        assertTheLinkAnswersThisTask(text(message), task);
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    private Settings smtpSettings(SmtpServer server, SmtpSecurity security) {
        return probe.settings(TaskFixtures.CALLBACK, "")
                .with(DispatchSettings.SMTP_HOST, server.getBindTo())
                .with(DispatchSettings.SMTP_PORT, server.getPort())
                .with(DispatchSettings.SMTP_TLS, security)
                .with(DispatchSettings.SMTP_FROM, FROM);
    }

    /** The form link names this task (slash encoded) and carries the token the DPO API will accept. */
    private static void assertTheLinkAnswersThisTask(String body, HolderTask task) {
        Matcher link = FORM_LINK.matcher(body);
        assertThat(link.find())
                .as("the body has the answer form link:%n%s", body)
                .isTrue();
        assertThat(link.group(1)).startsWith(TaskFixtures.CALLBACK + "/v1/callbacks/tasks/");
        assertThat(URLDecoder.decode(link.group(2), StandardCharsets.UTF_8)).isEqualTo(task.getTaskId());
        assertThat(TaskFixtures.tokens().matches(task.getTaskId(), link.group(3)))
                .isTrue();
        assertThat(body)
                .contains("curl -X POST '" + link.group(1) + "'")
                .contains(CallbackLinks.TOKEN_HEADER + ": " + link.group(3))
                .contains("user.contact.email, user.name")
                .contains(TaskFixtures.EMAIL_PSEUDONYM);
    }

    private static String text(MimeMessage message) throws Exception {
        assertThat(message.getContentType()).startsWith("text/plain").contains("UTF-8");
        return (String) message.getContent();
    }

    private static List<Path> emlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".eml"))
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}

package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.dsr.HolderTask;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

class EmailChannelTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:05Z"), ZoneOffset.UTC);

    @Test
    void shouldGiveUpOnAPermanentRefusalOfTheMailbox() throws Exception {
        SMTPAddressFailedException unknown =
                new SMTPAddressFailedException(new InternetAddress("x@example.test"), "RCPT TO", 550, "no such user");
        SendFailedException failed = new SendFailedException("Invalid Addresses", unknown);

        assertThat(EmailChannel.classify(failed))
                .isEqualTo(DeliveryResult.giveUp("smtp-550", "the SMTP server refused the e-mail with 550"));
    }

    @Test
    void shouldRetryADeferralOrAServerThatCannotBeReached() {
        SMTPSendFailedException deferred =
                new SMTPSendFailedException("DATA", 451, "try later", null, null, null, null);

        assertThat(EmailChannel.classify(deferred))
                .isEqualTo(DeliveryResult.retry("smtp-451", "the SMTP server deferred the e-mail with 451"));
        assertThat(EmailChannel.classify(new MessagingException("Couldn't connect to host")))
                .extracting("retriable")
                .isEqualTo(true);
    }

    @Test
    void shouldHandTheDropAPlainTextMessageFromTheSenderToTheHoldersMailbox() throws Exception {
        List<MimeMessage> sent = new ArrayList<>();
        EmailChannel channel = new EmailChannel(
                new RecordingDrop(sent), "Privacy <privacy@example.test>", TaskFixtures.links(), clock);
        HolderTask task = TaskFixtures.anEraseTask("zendesk").build();

        DeliveryResult result = channel.deliver(task, "Zendesk", "privacy@zendesk.example.test");

        assertThat(result).isEqualTo(DeliveryResult.delivered("e-mail handed to recording"));
        assertThat(sent).hasSize(1);
        MimeMessage message = sent.get(0);
        assertThat(message.getSubject()).startsWith("ERASE task for Zendesk (zendesk)");
        assertThat(message.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-12-07T10:00:05Z"));
        assertThat(message.getContentType()).startsWith("text/plain");
    }

    @Test
    void shouldGiveUpAtOnceOnAMailboxThatIsNoAddress() {
        EmailChannel channel = new EmailChannel(
                new RecordingDrop(new ArrayList<>()), "privacy@example.test", TaskFixtures.links(), clock);

        DeliveryResult result =
                channel.deliver(TaskFixtures.anEraseTask("zendesk").build(), "Zendesk", "not a mailbox");

        assertThat(result)
                .isEqualTo(DeliveryResult.giveUp(
                        "email-address", "the holder's mailbox in the catalog is not an address"));
    }

    /** Keeps what it is handed. */
    private static final class RecordingDrop implements MailDrop {
        private final List<MimeMessage> sent;
        private final jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());

        RecordingDrop(List<MimeMessage> sent) {
            this.sent = sent;
        }

        @Override
        public jakarta.mail.Session session() {
            return session;
        }

        @Override
        public void send(MimeMessage message) {
            sent.add(message);
        }

        @Override
        public String describe() {
            return "recording";
        }
    }
}

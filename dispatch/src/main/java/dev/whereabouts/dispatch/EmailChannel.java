package dev.whereabouts.dispatch;

import dev.whereabouts.model.dsr.HolderTask;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Delivers a task to an EMAIL holder: {@link TaskEmail} as a plain-text message from {@code smtp.from}
 * to the holder's mailbox, through the {@link MailDrop}. The SMTP server's answer decides: a 5xx reply
 * (no such mailbox, refused) is given up at once, anything else (a 4xx, no connection, a timeout) is
 * tried again.
 */
public final class EmailChannel {

    private final MailDrop drop;
    private final InternetAddress from;
    private final CallbackLinks links;
    private final Clock clock;

    public EmailChannel(MailDrop drop, String from, CallbackLinks links, Clock clock) {
        this.drop = Objects.requireNonNull(drop, "drop");
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("the sender address is not an e-mail address", e);
        }
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public MailDrop drop() {
        return drop;
    }

    /** One try: builds the message and hands it to the drop. */
    public DeliveryResult deliver(HolderTask task, String holderName, String mailbox) {
        MimeMessage message;
        try {
            message = message(task, holderName, mailbox);
        } catch (AddressException e) {
            return DeliveryResult.giveUp("email-address", "the holder's mailbox in the catalog is not an address");
        } catch (MessagingException e) {
            return DeliveryResult.giveUp("email-message", "the e-mail could not be built: " + e.getMessage());
        }
        try {
            drop.send(message);
            return DeliveryResult.delivered("e-mail handed to " + drop.describe());
        } catch (IOException e) {
            return DeliveryResult.retry("email-outbox", "the e-mail could not be written: " + e.getMessage());
        } catch (AuthenticationFailedException e) {
            return DeliveryResult.retry("smtp-auth", "the SMTP server refused the dispatcher's credentials");
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    /** The message as it is sent: exposed for tests and the outbox. */
    MimeMessage message(HolderTask task, String holderName, String mailbox) throws MessagingException {
        TaskEmail email = TaskEmail.render(task, holderName, links);
        MimeMessage message = new MimeMessage(drop.session());
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mailbox, true));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setText(email.body(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader(CallbackLinks.TASK_ID_HEADER, task.getTaskId());
        message.saveChanges();
        return message;
    }

    /** A permanent SMTP reply (5xx) gives up; everything else is worth another try. */
    static DeliveryResult classify(MessagingException error) {
        Integer code = replyCode(error);
        if (code != null && code >= 500) {
            return DeliveryResult.giveUp("smtp-" + code, "the SMTP server refused the e-mail with " + code);
        }
        if (code != null) {
            return DeliveryResult.retry("smtp-" + code, "the SMTP server deferred the e-mail with " + code);
        }
        return DeliveryResult.retry(
                "smtp-unreachable", "the SMTP server could not be reached or did not answer: " + describe(error));
    }

    /** The error and its first cause, which says what went wrong at the connection (TLS, refused). */
    private static String describe(MessagingException error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error.getNextException();
        return error.getMessage()
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
    }

    private static Integer replyCode(Exception error) {
        Exception current = error;
        int depth = 0;
        while (current != null && depth++ < 10) {
            if (current instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (current instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            if (current instanceof SendFailedException send && send.getNextException() != null) {
                current = send.getNextException();
            } else if (current instanceof MessagingException messaging) {
                current = messaging.getNextException();
            } else {
                current = null;
            }
        }
        return null;
    }
}

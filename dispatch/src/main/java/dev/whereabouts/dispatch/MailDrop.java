package dev.whereabouts.dispatch;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/** Where a finished e-mail goes: an SMTP server ({@link SmtpDrop}) or a directory of .eml files ({@link OutboxDrop}). */
public interface MailDrop {

    /** The mail session messages for this drop are built in. */
    Session session();

    /** Hands the message over; throws when it could not be. */
    void send(MimeMessage message) throws MessagingException, IOException;

    /** Where messages go, for logs and the ready banner (never a password). */
    String describe();
}

package dev.whereabouts.dispatch;

import dev.whereabouts.model.config.Settings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends e-mail through an SMTP server, one connection per message, protected as {@link SmtpSecurity} says. */
public final class SmtpDrop implements MailDrop {

    private final Session session;
    private final String host;
    private final int port;
    private final SmtpSecurity security;
    private final String username;
    private final String password;

    public SmtpDrop(
            String host,
            int port,
            SmtpSecurity security,
            String sslTrust,
            String username,
            String password,
            long timeoutMillis) {
        this.host = host;
        this.port = port;
        this.security = security;
        this.username = username == null || username.isBlank() ? null : username;
        this.password = password;
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", Long.toString(timeoutMillis));
        properties.put("mail.smtp.timeout", Long.toString(timeoutMillis));
        properties.put("mail.smtp.writetimeout", Long.toString(timeoutMillis));
        properties.put("mail.smtp.auth", Boolean.toString(this.username != null));
        switch (security) {
            case NONE -> {}
            case STARTTLS -> {
                properties.put("mail.smtp.starttls.enable", "true");
                // Required, not opportunistic: a server that does not offer STARTTLS gets nothing in clear text.
                properties.put("mail.smtp.starttls.required", "true");
            }
            case TLS -> properties.put("mail.smtp.ssl.enable", "true");
        }
        if (security != SmtpSecurity.NONE) {
            if (sslTrust != null && !sslTrust.isBlank()) {
                // The operator vouches for these hosts: their certificate is not checked, nor its name.
                properties.put("mail.smtp.ssl.trust", sslTrust.strip());
                properties.put("mail.smtp.ssl.checkserveridentity", "false");
            } else {
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        this.session = Session.getInstance(properties);
    }

    /** The drop {@link DispatchSettings} describe; {@code smtp.host} must be set. */
    public static SmtpDrop fromSettings(Settings settings) {
        return new SmtpDrop(
                settings.get(DispatchSettings.SMTP_HOST),
                settings.get(DispatchSettings.SMTP_PORT),
                settings.get(DispatchSettings.SMTP_TLS),
                settings.get(DispatchSettings.SMTP_SSL_TRUST),
                settings.get(DispatchSettings.SMTP_USERNAME),
                settings.get(DispatchSettings.SMTP_PASSWORD),
                settings.get(DispatchSettings.SMTP_TIMEOUT_MS));
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        if (username == null) {
            Transport.send(message);
        } else {
            Transport.send(message, username, password);
        }
    }

    @Override
    public String describe() {
        return "SMTP " + host + ":" + port + " (" + security + (username == null ? "" : ", as " + username) + ")";
    }
}

package dev.whereabouts.dispatch;

/** How the dispatcher's SMTP connection is protected ({@link DispatchSettings#SMTP_TLS}). */
public enum SmtpSecurity {
    /** Plain SMTP: a relay on the same host or network only. */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is required (submission, port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS, port 465). */
    TLS
}

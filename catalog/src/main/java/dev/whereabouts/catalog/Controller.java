package dev.whereabouts.catalog;

import dev.whereabouts.model.time.IsoPeriod;
import java.util.Objects;
import java.util.Optional;

/**
 * The controller the catalog speaks for (GDPR Art. 4(7)) and the promises its privacy statement
 * makes that the platform checks: how fast data-subject requests are answered and how long
 * backups keep data at most.
 *
 * @param legalEntity        registered name, e.g. SmartTrackers B.V.
 * @param registration       registry and number, e.g. Chamber of Commerce 61117536
 * @param address            registered address
 * @param country            ISO 3166-1 alpha-2 country of the legal entity
 * @param contact            where data subjects reach the controller
 * @param dsrResponseTime    promised time to answer a data-subject request, e.g. P4W
 * @param backupMaxRetention promised maximum time data stays in backups, e.g. P1Y; empty when the
 *                           statement promises none
 */
public record Controller(
        String legalEntity,
        Optional<String> registration,
        String address,
        String country,
        Contact contact,
        IsoPeriod dsrResponseTime,
        Optional<IsoPeriod> backupMaxRetention) {

    public Controller {
        Objects.requireNonNull(legalEntity, "legalEntity");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(dsrResponseTime, "dsrResponseTime");
        Objects.requireNonNull(backupMaxRetention, "backupMaxRetention");
    }

    /**
     * How data subjects and the authority reach the controller; at least one way is present.
     *
     * @param email   mailbox for requests, e.g. info@smarttrackers.nl
     * @param phone   phone number as published
     * @param address postal address for correspondence
     */
    public record Contact(Optional<String> email, Optional<String> phone, Optional<String> address) {

        public Contact {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(address, "address");
        }
    }
}

package dev.whereabouts.web;

/** What a token may do (SPEC section 6). */
public enum Role {
    /** Publishes sharing events. */
    ENGINEER,
    /** Looks people up and files and follows data-subject requests. */
    DPO,
    /** Manages the catalog. */
    ADMIN
}

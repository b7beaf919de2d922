package dev.whereabouts.model.topic;

/** What a topic is for; every {@link #INPUT} topic has a dead-letter twin. */
public enum TopicRole {
    /** Written by services or people outside the platform's own processing; may carry bad input. */
    INPUT,
    /** Written only by the platform's own processing. */
    OUTPUT,
    /** Holds what could not be processed from its input twin, with the original bytes. */
    DEAD_LETTER
}

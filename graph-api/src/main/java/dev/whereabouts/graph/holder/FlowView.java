package dev.whereabouts.graph.holder;

import java.util.List;

/**
 * A declared onward flow as read from the graph.
 *
 * @param id          catalog id
 * @param from        sending holder
 * @param to          receiving holder
 * @param categories  categories that travel
 * @param retention   how long the receiver keeps them (ISO period), if declared
 * @param purpose     why
 * @param description in words
 */
public record FlowView(
        String id,
        String from,
        String to,
        List<String> categories,
        String retention,
        String purpose,
        String description) {}

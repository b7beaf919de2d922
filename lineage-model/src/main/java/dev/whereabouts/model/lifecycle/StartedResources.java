package dev.whereabouts.model.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service has started so far, closed in reverse order (the HTTP server before the clients it
 * uses, the driver last); a failure to close one is logged and the rest are still closed.
 */
public final class StartedResources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartedResources.class);

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Remembers {@code resource} to close it later; returns it. */
    public <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", resources.get(i).getClass().getSimpleName(), e);
            }
        }
        resources.clear();
    }
}

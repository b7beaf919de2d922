package dev.whereabouts.catalog;

/** The catalog could not be published; nothing is lost, publishing again writes what is still missing. */
public final class CatalogPublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogPublishException(String message) {
        super(message);
    }

    public CatalogPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}

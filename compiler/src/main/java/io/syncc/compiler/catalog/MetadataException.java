package io.syncc.compiler.catalog;

/** Metadata could not be read (connection refused, file unreadable, no snapshot entry). The message is for people and holds no secret. */
public final class MetadataException extends Exception {

    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}

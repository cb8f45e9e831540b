package io.syncc.runtime.codegen;

/**
 * A value could not be read or converted. Carries a message fit for the dirty-record file,
 * e.g. {@code column age: cannot read "abc" as integer}. Cheap: no stack trace.
 */
public final class ConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message, null, false, false);
    }

    /** {@code column <name>: <reason>} */
    public static ConversionException forColumn(String column, String reason) {
        return new ConversionException("column " + column + ": " + reason);
    }
}

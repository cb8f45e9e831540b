package io.syncc.runtime.codegen;

/** Decodes one CSV record straight into the typed source row; only the fields the job uses are parsed. */
@FunctionalInterface
public interface CsvRowDecoder<S> {
    /** The runtime has already checked that the record has the expected number of fields. */
    void decode(CsvRecord record, S row) throws ConversionException;
}

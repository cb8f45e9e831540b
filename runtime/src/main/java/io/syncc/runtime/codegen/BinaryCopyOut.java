package io.syncc.runtime.codegen;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Writes PostgreSQL binary COPY tuples ({@code COPY ... FROM STDIN (FORMAT binary)}): the generated
 * encoder calls {@link #startTuple} then exactly one write per column, in sink-column order.
 * Temporal arguments use the epoch conventions of {@link io.syncc.runtime.types.SqlType.Kind};
 * the implementation converts to PostgreSQL's 2000-01-01 epoch.
 */
public interface BinaryCopyOut {

    void startTuple(int fieldCount);

    /**
     * A whole tuple in binary COPY's form (field count, then each field's length and bytes), as a
     * PostgreSQL source sent it: instead of {@link #startTuple} and a write per column, for a job
     * whose every sink column is a source column forwarded unchanged, in the source's order.
     */
    void writeTuple(Utf8Text tuple);

    void writeNull();

    void writeBool(boolean v);

    void writeInt16(short v);

    void writeInt32(int v);

    void writeInt64(long v);

    void writeFloat32(float v);

    void writeFloat64(double v);

    void writeNumeric(BigDecimal v);

    /** text, varchar, char, json: UTF-8 bytes. */
    void writeText(String v);

    /** text, varchar: bytes that are already validated UTF-8, written as they are. */
    void writeUtf8(Utf8Text v);

    /** jsonb: version byte 1 then UTF-8 text. */
    void writeJsonb(String v);

    void writeDate(int epochDays);

    void writeTimestamp(long epochMicros);

    void writeTime(long microsOfDay);

    void writeUuid(UUID v);

    void writeBytes(byte[] v);
}

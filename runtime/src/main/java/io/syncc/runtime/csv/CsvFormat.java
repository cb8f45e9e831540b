package io.syncc.runtime.csv;

import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The byte-level dialect of a CSV datasource, checked once. */
public record CsvFormat(byte delimiter, byte quote, byte[] nullMarker, Charset charset, boolean header, int maxFieldBytes) {

    public static CsvFormat of(CsvDatasourcePlan plan) {
        Charset cs;
        try {
            cs = Charset.forName(plan.encoding());
        } catch (RuntimeException e) {
            throw new SyncException(SyncException.Kind.CONFIGURATION, "datasource '" + plan.name() + "': unknown encoding " + plan.encoding());
        }
        byte[] probe = ",\"\n;|\tAz09".getBytes(cs);
        if (!Arrays.equals(probe, ",\"\n;|\tAz09".getBytes(StandardCharsets.US_ASCII))) {
            throw new SyncException(SyncException.Kind.CONFIGURATION, "datasource '" + plan.name() + "': encoding " + cs.name()
                    + " is not ASCII-compatible; convert the files to UTF-8 (or GBK, ISO-8859-1, ...)");
        }
        if (plan.delimiter() > 0x7f || plan.quote() > 0x7f || plan.delimiter() == '\n' || plan.delimiter() == plan.quote()) {
            throw new SyncException(SyncException.Kind.CONFIGURATION, "datasource '" + plan.name() + "': delimiter and quote must be distinct ASCII characters");
        }
        return new CsvFormat((byte) plan.delimiter(), (byte) plan.quote(), plan.nullMarker().getBytes(cs), cs, plan.header(),
                plan.maxFieldBytes());
    }
}

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
        if (!asciiCompatible(cs)) {
            throw new SyncException(SyncException.Kind.CONFIGURATION, "datasource '" + plan.name() + "': encoding " + cs.name()
                    + " is not ASCII-compatible; convert the files to UTF-8 (or GBK, ISO-8859-1, ...)");
        }
        if (plan.delimiter() > 0x7f || plan.quote() > 0x7f || plan.delimiter() == '\n' || plan.delimiter() == plan.quote()) {
            throw new SyncException(SyncException.Kind.CONFIGURATION, "datasource '" + plan.name() + "': delimiter and quote must be distinct ASCII characters");
        }
        return new CsvFormat((byte) plan.delimiter(), (byte) plan.quote(), plan.nullMarker().getBytes(cs), cs, plan.header(),
                plan.maxFieldBytes());
    }

    /**
     * Whether the structural characters (delimiters, quote, newline) and plain letters and digits
     * encode as the same single bytes as in ASCII: what byte-range splits and the byte-level parser need.
     */
    public static boolean asciiCompatible(Charset cs) {
        String probe = ",\"\n;|\tAz09";
        return cs.canEncode() && Arrays.equals(probe.getBytes(cs), probe.getBytes(StandardCharsets.US_ASCII));
    }
}

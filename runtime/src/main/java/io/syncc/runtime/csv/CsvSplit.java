package io.syncc.runtime.csv;

import io.syncc.runtime.spi.Split;
import java.nio.file.Path;

/**
 * A byte range of one file. The reader starts at {@code start} (a record boundary found by the
 * boundary scan) and reads every record that starts before {@code end}; the next split starts at
 * the first record at or after {@code end}, so the ranges never overlap or leave gaps.
 *
 * @param file          the file
 * @param name          the file's name relative to the table (for ids and messages)
 * @param start         offset of the first record (a record boundary)
 * @param end           records starting at or after this offset belong to the next split ({@code Long.MAX_VALUE}: to the end)
 * @param nominalStart  the planned (unaligned) start offset, part of the stable id
 * @param nominalEnd    the planned end offset (the file size for the last range)
 * @param firstLine     1-based line of the file where the record at {@code start} begins
 * @param skipHeader    whether the first record read is the file's header
 * @param partition     the values of the partition the file is in (its {@code key=value} folders), empty when none
 */
public record CsvSplit(Path file, String name, long start, long end, long nominalStart, long nominalEnd, long firstLine,
                       boolean skipHeader, java.util.List<String> partition) implements Split {

    public CsvSplit {
        partition = partition == null ? java.util.List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(partition));
    }

    @Override
    public String id() {
        return name + "@" + nominalStart + "-" + nominalEnd;
    }

    @Override
    public long sizeBytes() {
        return Math.max(0, nominalEnd - nominalStart);
    }
}

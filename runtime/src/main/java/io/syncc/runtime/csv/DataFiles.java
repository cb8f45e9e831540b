package io.syncc.runtime.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files of a table folder hold data. The one rule for the checker (which samples the first
 * data file for the header and types) and the runtime (which reads them all): folders written by
 * Spark, Hive or Hadoop hold markers and checksums beside the part files, and those are not rows.
 * Left out: names starting with {@code .} (hidden files, {@code .part-0.crc}), names starting with
 * {@code _} ({@code _SUCCESS}, {@code _committed_*}, {@code _temporary/}) and {@code .crc} files;
 * a left-out folder is left out with everything below it.
 */
public final class DataFiles {

    private DataFiles() {
    }

    /** Whether a file or folder of this name (one path element) may hold data. */
    public static boolean isData(String name) {
        return !name.isEmpty() && !name.startsWith(".") && !name.startsWith("_")
                && !name.toLowerCase(Locale.ROOT).endsWith(".crc");
    }

    /** The data files under {@code folder}, recursively, in name order. */
    public static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                for (Path part : folder.relativize(p)) {
                    if (!isData(part.toString())) {
                        return false;
                    }
                }
                return true;
            }).sorted().toList();
        }
    }

    /**
     * The connectivity test of a file datasource: its path exists and can be read.
     *
     * @return {@code folder PATH} or {@code file PATH}
     */
    public static String ping(io.syncc.runtime.plan.FileDatasourcePlan ds) {
        Path p = io.syncc.runtime.files.Partitions.newest(ds.path()); // with ${parameters}: the newest path they match
        if (!Files.exists(p)) {
            throw io.syncc.runtime.spi.SyncException.configuration("datasource '" + ds.name() + "': path " + p + " does not exist");
        }
        if (!Files.isReadable(p)) {
            throw io.syncc.runtime.spi.SyncException.configuration("datasource '" + ds.name() + "': path " + p + " is not readable");
        }
        return (Files.isDirectory(p) ? "folder " : "file ") + p;
    }
}

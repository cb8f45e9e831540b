package io.syncc.compiler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small .sync projects (datasources + one job + CSV data) into a folder. */
final class Projects {

    private Projects() {
    }

    /** Writes {@code data/<name>} (its folders made), e.g. a partition's part file. */
    static void dataFile(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve("data").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static Path write(Path dir, String job, String csvName, String csv) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("datasources.sync"), """
                datasource files { type csv path "data" }
                datasource pg { type postgres url embedded }
                """);
        if (csvName != null) {
            Files.writeString(dir.resolve("data").resolve(csvName), csv);
        }
        Path file = dir.resolve("job.sync");
        Files.writeString(file, job);
        return file;
    }
}

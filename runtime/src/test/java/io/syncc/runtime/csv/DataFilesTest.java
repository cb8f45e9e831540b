package io.syncc.runtime.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncc.runtime.plan.CsvDatasourcePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Spark/Hadoop output folder: the runtime reads the part files, not the markers and checksums beside them. */
class DataFilesTest {

    @TempDir
    Path dir;

    @Test
    void aTableFolderIsItsPartFilesOnly() throws Exception {
        Path table = Files.createDirectories(dir.resolve("orders"));
        Files.writeString(table.resolve("_SUCCESS"), "");
        Files.write(table.resolve(".part-0.crc"), new byte[] {0x63, 0x72, 0x63, 0, 0, 2, 0, 0, 1, 2, 3, 4});
        Files.write(table.resolve("part-0.csv.crc"), new byte[] {0x63, 0x72, 0x63, 0, 0, 2, 0, 0, 5, 6, 7, 8});
        Files.createDirectories(table.resolve("_temporary/0"));
        Files.writeString(table.resolve("_temporary/0/part-9.csv"), "id\n9\n");
        Files.writeString(table.resolve("part-0.csv"), "id\n1\n");
        Files.writeString(table.resolve("part-1.csv"), "id\n2\n");
        CsvDatasourcePlan ds = new CsvDatasourcePlan("lake", dir.toString(), true, ',', '"', "", "UTF-8");
        List<String> names = CsvSource.files(ds, "orders").stream().map(CsvSplitSource.CsvFile::name).toList();
        assertEquals(List.of("orders/part-0.csv", "orders/part-1.csv"), names);
    }
}

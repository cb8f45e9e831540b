import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The floor of any JVM loader on this host, for bench/run.sh: the reference's work done by a JVM
 * with the PostgreSQL driver syncc uses, and nothing else. PostgreSQL to PostgreSQL it passes the
 * bytes of {@code COPY src TO STDOUT (FORMAT binary)} to {@code COPY dst FROM STDIN (FORMAT binary)}
 * undecoded (each row as the driver hands it over, sent on in 64 KB messages), in one thread and one
 * transaction; from CSV it streams the file to {@code COPY ... (FORMAT csv)},
 * leaving the parsing to the server, as psql does. No types, no splits, no dirty rows, no resume: what
 * is left between it and the reference is the JVM's start, its JIT, its garbage collector and the driver.
 *
 * <pre>java -cp syncc-cli.jar:out JvmFloor JDBC_URL pipe SOURCE_TABLE TARGET_TABLE
 * java -cp syncc-cli.jar:out JvmFloor JDBC_URL csv CSV_FILE TARGET_TABLE</pre>
 */
public final class JvmFloor {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: JvmFloor JDBC_URL (pipe SOURCE|csv FILE) TARGET");
            System.exit(2);
        }
        String url = args[0], mode = args[1], from = args[2], target = args[3];
        long rows;
        try (Connection writer = DriverManager.getConnection(url)) {
            writer.setAutoCommit(false);
            CopyManager copy = writer.unwrap(PGConnection.class).getCopyAPI();
            if (mode.equals("pipe")) {
                try (Connection reader = DriverManager.getConnection(url)) {
                    // rows arrive one message each; they leave in messages of 64 KB (psql sends 8 KB ones)
                    PGCopyOutputStream in = new PGCopyOutputStream(
                            copy.copyIn("COPY " + target + " FROM STDIN (FORMAT binary)"), 1 << 16);
                    reader.unwrap(PGConnection.class).getCopyAPI()
                            .copyOut("COPY " + from + " TO STDOUT (FORMAT binary)", in);
                    rows = in.endCopy();
                }
            } else {
                try (InputStream file = new BufferedInputStream(new FileInputStream(from), 1 << 16)) {
                    rows = copy.copyIn("COPY " + target + " FROM STDIN (FORMAT csv, HEADER true)", file, 1 << 16);
                }
            }
            writer.commit();
        }
        System.out.println(rows + " rows");
    }
}

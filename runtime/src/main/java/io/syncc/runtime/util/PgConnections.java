package io.syncc.runtime.util;

import io.syncc.runtime.embedded.EmbeddedLocator;
import io.syncc.runtime.spi.SyncException;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Opens connections for a {@link PostgresDatasourcePlan}: resolves the embedded server and the
 * credentials once, and passes user and password as connection {@link Properties}, so the URL
 * (which may be logged) never carries a secret.
 */
public final class PgConnections {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&]*");
    private static final Pattern USER_PASSWORD = Pattern.compile("(//[^/@:?#]*:)[^/@?#]*@");

    /** Seconds to open the TCP connection. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Seconds for the whole connection start-up (TCP, TLS, authentication). */
    public static final int LOGIN_TIMEOUT_SECONDS = 10;
    /** Seconds a metadata query may wait for the server's answer (catalog queries are small). */
    public static final int METADATA_SOCKET_TIMEOUT_SECONDS = 30;

    private final String name;
    private final String url;
    private final Properties properties;

    private PgConnections(String name, String url, Properties properties) {
        this.name = name;
        this.url = url;
        this.properties = properties;
    }

    public static PgConnections of(PostgresDatasourcePlan plan, Path workDir) {
        String url = plan.url();
        if (url == null) {
            url = EmbeddedLocator.find(workDir).orElseThrow(() -> new SyncException(SyncException.Kind.CONFIGURATION, "datasource '" + plan.name()
                    + "' uses the embedded PostgreSQL, which is not running: start it with `./syncc db start` or use `syncc run`"));
        }
        Properties p = new Properties();
        p.putAll(plan.properties());
        String user = Secrets.resolve(plan.user(), "the user of datasource '" + plan.name() + "'");
        if (user != null) {
            p.setProperty("user", user);
        } else if (plan.url() == null && !url.contains("user=")) {
            p.setProperty("user", "postgres");
        }
        String password = Secrets.resolve(plan.password(), "the password of datasource '" + plan.name() + "'");
        if (password != null) {
            p.setProperty("password", password);
        }
        p.putIfAbsent("ApplicationName", "syncc");
        // a server that accepts the connection and never answers must not hang a check or a run
        // (the driver waits forever by default); a URL's own loginTimeout/connectTimeout wins
        p.putIfAbsent("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        p.putIfAbsent("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        p.putIfAbsent("reWriteBatchedInserts", "false");
        return new PgConnections(plan.name(), url, p);
    }

    /**
     * For metadata (the checker, the catalog, the editor): as {@link #of}, and a query that gets no
     * answer for {@value #METADATA_SOCKET_TIMEOUT_SECONDS} seconds fails instead of blocking. Not
     * for runs, whose first row may take long to come.
     */
    public static PgConnections forMetadata(PostgresDatasourcePlan plan, Path workDir) {
        PgConnections c = of(plan, workDir);
        c.properties.putIfAbsent("socketTimeout", String.valueOf(METADATA_SOCKET_TIMEOUT_SECONDS));
        return c;
    }

    /** The URL with any password parameter masked, safe for logs and messages. */
    public static String redact(String url) {
        return url == null ? "embedded" : USER_PASSWORD.matcher(PASSWORD_PARAM.matcher(url).replaceAll("$1***")).replaceAll("$1***@");
    }

    public String name() {
        return name;
    }

    public String safeUrl() {
        return redact(url);
    }

    public Connection open() {
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw SyncException.caused(SyncException.Kind.CONFIGURATION, "cannot connect to datasource '" + name + "' (" + safeUrl() + "): " + message(e), e);
        }
    }

    /** A server message without the driver's noise; never contains the password. */
    public static String message(SQLException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl).trim() : m.trim();
    }
}

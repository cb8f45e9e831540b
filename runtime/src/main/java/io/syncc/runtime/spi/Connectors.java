package io.syncc.runtime.spi;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The installed connectors, found once through {@link ServiceLoader}, by datasource type. */
public final class Connectors {

    private static volatile Map<String, Connector> byType;

    private Connectors() {
    }

    private static Map<String, Connector> all() {
        Map<String, Connector> m = byType;
        if (m == null) {
            m = new TreeMap<>();
            for (Connector c : ServiceLoader.load(Connector.class, Connectors.class.getClassLoader())) {
                for (String t : c.types()) {
                    Connector earlier = m.putIfAbsent(t.toLowerCase(Locale.ROOT), c);
                    if (earlier != null && earlier.getClass() != c.getClass()) {
                        throw SyncException.internal("two connectors serve datasource type '" + t + "': "
                                + earlier.getClass().getName() + " and " + c.getClass().getName());
                    }
                }
            }
            byType = m;
        }
        return m;
    }

    /**
     * The connector of a datasource type.
     *
     * @throws SyncException (configuration) naming the installed types when none serves it
     */
    public static Connector forType(String type) {
        Connector c = all().get(type.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw SyncException.configuration("no connector for datasource type '" + type + "' (installed: "
                    + String.join(", ", all().keySet()) + ")");
        }
        return c;
    }

    /** The datasource types of the installed connectors, sorted. */
    public static java.util.Set<String> types() {
        return java.util.Collections.unmodifiableSet(all().keySet());
    }
}

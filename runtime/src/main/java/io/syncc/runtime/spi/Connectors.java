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

    /** The plan classes of every installed connector, by the name that marks them in a plan's JSON form. */
    public static Map<String, Class<? extends io.syncc.runtime.plan.DatasourcePlan>> planTypes() {
        Map<String, Class<? extends io.syncc.runtime.plan.DatasourcePlan>> out = new TreeMap<>();
        for (Connector c : new java.util.LinkedHashSet<>(all().values())) {
            for (Map.Entry<String, Class<? extends io.syncc.runtime.plan.DatasourcePlan>> e : c.planTypes().entrySet()) {
                Class<?> earlier = out.putIfAbsent(e.getKey(), e.getValue());
                if (earlier != null && earlier != e.getValue()) {
                    throw SyncException.internal("two connectors name their plans '" + e.getKey() + "': "
                            + earlier.getName() + " and " + e.getValue().getName());
                }
            }
        }
        return out;
    }

    /**
     * Whether a value read from {@code source} can go to {@code sink} as the bytes of its PostgreSQL
     * binary COPY form: the source's codec is {@link SourceCodec.Shape#PG_BINARY} and the sink's
     * connector {@linkplain Connector#takesPgBinary takes it}. The checker admits types syncc does not
     * decode on this rule, and the generator forwards unchanged columns on it.
     */
    public static boolean forwardsPgBinary(io.syncc.runtime.plan.DatasourcePlan source, io.syncc.runtime.plan.DatasourcePlan sink) {
        return forType(source.type()).sourceCodec(source).shape() == SourceCodec.Shape.PG_BINARY
                && forType(sink.type()).takesPgBinary(sink);
    }

    /** The datasource types of the installed connectors, sorted. */
    public static java.util.Set<String> types() {
        return java.util.Collections.unmodifiableSet(all().keySet());
    }
}

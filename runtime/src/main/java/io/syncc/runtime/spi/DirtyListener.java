package io.syncc.runtime.spi;

import java.util.List;

/**
 * Receives rows that could not be read, converted or written. Implementations are thread-safe
 * (all workers share one). May throw {@link SyncException} when the
 * dirty-record budget is exceeded; callers let it propagate so the split rolls back.
 */
public interface DirtyListener {

    /**
     * @param splitId  the split the row belongs to
     * @param location where the row came from, e.g. {@code data.csv record 17}
     * @param columns  column names, or {@code null} when the values are raw fields
     * @param values   the row's values as text ({@code null} stays {@code null})
     * @param reason   why the row is dirty
     */
    void dirty(String splitId, String location, List<String> columns, String[] values, String reason);
}

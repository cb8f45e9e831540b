package io.syncc.runtime.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A datasource as the runtime sees it: made by its connector from the block's settings
 * ({@code spi.Connector#plan}). In a plan's JSON form the property {@code kind} names the class,
 * as its connector registers it ({@code spi.Connector#planTypes}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
public interface DatasourcePlan {
    /** The name declared in the {@code .sync} file. */
    String name();

    /** The datasource type ({@code postgres}, {@code hologres}, {@code csv}, ...) that picks its {@code spi.Connector}. */
    String type();

    /** The secrets it refers to (a password, never a user name): a literal one keeps a plan out of files and jars. */
    @JsonIgnore
    default List<SecretRef> secrets() {
        return List.of();
    }
}

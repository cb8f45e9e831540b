package io.syncc.runtime.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A datasource as the runtime sees it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PostgresDatasourcePlan.class, name = "postgres"),
        @JsonSubTypes.Type(value = CsvDatasourcePlan.class, name = "csv"),
        @JsonSubTypes.Type(value = JsonlDatasourcePlan.class, name = "jsonl")
})
public interface DatasourcePlan {
    /** The name declared in the {@code .sync} file. */
    String name();

    /** The datasource type ({@code postgres}, {@code hologres}, {@code csv}, ...) that picks its {@code spi.Connector}. */
    String type();
}

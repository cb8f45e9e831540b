package io.syncc.runtime.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A datasource as the runtime sees it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PostgresDatasourcePlan.class, name = "postgres"),
        @JsonSubTypes.Type(value = CsvDatasourcePlan.class, name = "csv")
})
public sealed interface DatasourcePlan permits PostgresDatasourcePlan, CsvDatasourcePlan {
    /** The name declared in the {@code .sync} file. */
    String name();
}

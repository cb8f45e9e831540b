package io.syncc.runtime.plan;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A PostgreSQL-protocol datasource ({@code type postgres} or {@code type hologres}).
 *
 * @param name       declared name
 * @param flavor     {@code postgres} or {@code hologres}
 * @param url        JDBC URL; {@code null} means the embedded PostgreSQL managed by syncc
 * @param user       user name (may be {@code null}: driver default / embedded {@code postgres})
 * @param password   where the password is read at run time (may be {@code null})
 * @param properties extra JDBC connection properties (never secrets)
 */
public record PostgresDatasourcePlan(
        String name,
        String flavor,
        String url,
        SecretRef user,
        SecretRef password,
        Map<String, String> properties) implements DatasourcePlan {

    public PostgresDatasourcePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flavor, "flavor");
        // sorted, so a plan is written byte for byte the same in every run
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties == null ? Map.of() : properties));
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String type() {
        return flavor;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.List<SecretRef> secrets() {
        return password == null ? java.util.List.of() : java.util.List.of(password);
    }

    public boolean embedded() {
        return url == null;
    }
}

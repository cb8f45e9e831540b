package io.syncc.compiler.testing;

import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.SecretRef;
import io.syncc.runtime.spi.Connector;
import io.syncc.runtime.spi.DatasourceSettings;
import io.syncc.runtime.spi.SettingSpec;
import io.syncc.runtime.spi.SyncException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connector the compiler was never told about (type {@code kv}), registered by this test
 * folder's {@code META-INF/services}: the checker validates its settings from its schema alone.
 */
public final class KvConnector implements Connector {

    /** A key-value store: a bucket and a token. */
    public record KvDatasourcePlan(String name, String bucket, SecretRef token) implements DatasourcePlan {
        @Override
        public String type() {
            return "kv";
        }

        @Override
        public List<SecretRef> secrets() {
            return token == null ? List.of() : List.of(token);
        }
    }

    @Override
    public Set<String> types() {
        return Set.of("kv");
    }

    @Override
    public List<SettingSpec> settings(String type) {
        return List.of(SettingSpec.required("bucket", "the bucket", "bucket \"events\""),
                new SettingSpec("token", "the access token", "token env(\"KV_TOKEN\")", false, true));
    }

    @Override
    public Optional<DatasourcePlan> plan(DatasourceSettings settings) {
        Optional<String> bucket = settings.require("bucket", "bucket \"events\"").flatMap(v -> settings.text("bucket", "a string"));
        SecretRef token = settings.credential("token", true);
        return settings.valid() ? bucket.map(b -> new KvDatasourcePlan(settings.name(), b, token)) : Optional.empty();
    }

    @Override
    public Map<String, Class<? extends DatasourcePlan>> planTypes() {
        return Map.of("kv", KvDatasourcePlan.class);
    }

    @Override
    public io.syncc.runtime.meta.DatasourceMetadata metadata(DatasourcePlan datasource, Path workDir) {
        throw SyncException.configuration("a kv datasource has no tables");
    }

    @Override
    public String ping(DatasourcePlan datasource, Path workDir) {
        return "kv";
    }
}

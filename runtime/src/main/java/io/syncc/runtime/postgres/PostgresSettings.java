package io.syncc.runtime.postgres;

import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.plan.PostgresDatasourcePlan;
import io.syncc.runtime.plan.SecretRef;
import io.syncc.runtime.spi.DatasourceSettings;
import io.syncc.runtime.spi.SettingSpec;
import io.syncc.runtime.spi.SettingValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The settings of a {@code type postgres} or {@code type hologres} datasource: what they may be, and the plan they make. */
final class PostgresSettings {

    static final List<SettingSpec> SPECS = List.of(
            SettingSpec.required("url", "a JDBC URL without credentials, or the word embedded for the server syncc manages",
                    "url \"jdbc:postgresql://host:5432/db\" or url embedded"),
            SettingSpec.optional("user", "the user name: a string, env(\"VAR\") or file(\"path\")", "user \"loader\""),
            new SettingSpec("password", "the password: env(\"VAR\") or file(\"path\"), never written in the file",
                    "password env(\"PGPASSWORD\")", false, true));

    /** {@code //user:password@host}: a password in the URL's user part. */
    private static final Pattern URL_USER_PASSWORD = Pattern.compile("//[^/@:?#]*:[^/@?#]*@");

    private PostgresSettings() {
    }

    static Optional<DatasourcePlan> plan(DatasourceSettings s) {
        Optional<SettingValue> url = s.require("url", "url \"jdbc:postgresql://host:5432/db\" or url embedded");
        String jdbcUrl = null;
        if (url.isPresent()) {
            if (url.get() instanceof SettingValue.Word w && w.word().equalsIgnoreCase("embedded")) {
                jdbcUrl = null;
            } else if (url.get() instanceof SettingValue.Text t) {
                jdbcUrl = t.text();
                if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                    s.invalid("url", "url must start with jdbc:postgresql: (or be the word embedded)");
                } else if (jdbcUrl.toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*") || URL_USER_PASSWORD.matcher(jdbcUrl).find()) {
                    s.secretExposed("url", "the url holds a password; remove it and write password env(\"VAR\") or password file(\"path\")");
                }
            } else {
                s.invalid("url", "url must be a string \"jdbc:postgresql://...\" or the word embedded");
            }
        }
        SecretRef user = s.credential("user", false);
        SecretRef password = s.credential("password", true);
        if (!s.valid()) {
            return Optional.empty();
        }
        return Optional.of(new PostgresDatasourcePlan(s.name(), s.type(), jdbcUrl, user, password, Map.of()));
    }
}

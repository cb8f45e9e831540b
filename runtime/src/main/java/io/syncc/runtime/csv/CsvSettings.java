package io.syncc.runtime.csv;

import io.syncc.runtime.plan.CsvDatasourcePlan;
import io.syncc.runtime.plan.DatasourcePlan;
import io.syncc.runtime.spi.DatasourceSettings;
import io.syncc.runtime.spi.SettingSpec;
import io.syncc.runtime.spi.SettingValue;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The settings of a {@code type csv} datasource: what they may be, and the plan they make. */
final class CsvSettings {

    static final List<SettingSpec> SPECS = List.of(
            SettingSpec.required("path", "a CSV file, or a folder whose files (and sub-folders of files) are tables;"
                    + " relative to this .sync file", "path \"folder/or/file.csv\""),
            SettingSpec.optional("header", "whether the first record of each file names the columns (default true)", "header true"),
            SettingSpec.optional("delimiter", "the field delimiter, one ASCII character (default \",\")", "delimiter \"\\t\""),
            SettingSpec.optional("quote", "the quote character, one ASCII character (default '\"'); a doubled quote inside"
                    + " quotes is one quote", "quote \"'\""),
            SettingSpec.optional("null", "the unquoted field text that means NULL (default: the empty field)", "null \"\\\\N\""),
            SettingSpec.optional("encoding", "the files' character set, ASCII-compatible (default UTF-8)", "encoding \"GBK\""),
            SettingSpec.optional("max_field_size", "the longest quoted field; a longer one (usually a stray quote) fails the"
                    + " job with its location (default 1MB)", "max_field_size \"16MB\""));

    private CsvSettings() {
    }

    static Optional<DatasourcePlan> plan(DatasourceSettings s) {
        Optional<String> path = s.path("path", "path \"folder/or/file.csv\"");
        boolean header = s.bool("header", true);
        Optional<Character> delimiter = s.asciiChar("delimiter", ',');
        Optional<Character> quote = s.asciiChar("quote", '"');
        String nullMarker = s.text("null", "a string, e.g. null \"\\\\N\"").orElse("");
        String encoding = encoding(s);
        int maxField = CsvDatasourcePlan.DEFAULT_MAX_FIELD_BYTES;
        if (s.value("max_field_size").isPresent()) {
            OptionalLong size = s.size("max_field_size");
            if (size.isEmpty() || size.getAsLong() < 1 || size.getAsLong() > Integer.MAX_VALUE - 16) {
                s.invalid("max_field_size", "max_field_size must be a size from 1 byte to 2GB,"
                        + " e.g. max_field_size \"16MB\" (units B, KB, MB, GB of 1024)");
            } else {
                maxField = (int) size.getAsLong();
            }
        }
        if (delimiter.isPresent() && quote.isPresent() && delimiter.get().equals(quote.get())) {
            s.invalid(null, "delimiter and quote must differ");
        }
        if (!s.valid() || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CsvDatasourcePlan(s.name(), path.get(), header, delimiter.get(), quote.get(), nullMarker,
                encoding, maxField));
    }

    private static String encoding(DatasourceSettings s) {
        Optional<SettingValue> e = s.value("encoding");
        if (e.isEmpty()) {
            return "UTF-8";
        }
        String name = e.get() instanceof SettingValue.Text t ? t.text() : e.get() instanceof SettingValue.Word w ? w.word() : null;
        if (name == null || !supportedCharset(name)) {
            s.invalid("encoding", "encoding " + e.get().display()
                    + " is not a supported ASCII-compatible character set (e.g. UTF-8, GBK, ISO-8859-1)");
            return "UTF-8";
        }
        return Charset.forName(name).name();
    }

    private static boolean supportedCharset(String name) {
        try {
            return CsvFormat.asciiCompatible(Charset.forName(name));
        } catch (RuntimeException e) {
            return false;
        }
    }
}

package io.syncc.runtime.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncc.runtime.codegen.ConversionException;
import io.syncc.runtime.codegen.Utf8Text;
import io.syncc.runtime.plan.CsvDatasourcePlan;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The record parser against a plain reference, on seeded random input: field boundaries, quoting,
 * null markers, numbers and UTF-8 checks. The parser works eight bytes at a time, so inputs mix
 * short and long fields to put delimiters, quotes and newlines at every offset of a word.
 */
class ByteCsvRecordTest {

    static ByteCsvRecord record(char delimiter, String nullMarker) {
        return new ByteCsvRecord(CsvFormat.of(new CsvDatasourcePlan("t", "/tmp", false, delimiter, '"', nullMarker, "UTF-8")));
    }

    /** A field as the file has it, and what it means (null for the null marker). */
    record Field(String raw, String value) {
    }

    static Field randomField(Random r, char d, String nullMarker) {
        String[] words = {"", "a", "mañana", "中文", "x".repeat(1 + r.nextInt(20)), "12", "-3.25", "\\N", "NULL"};
        String v = words[r.nextInt(words.length)] + (r.nextInt(4) == 0 ? words[r.nextInt(words.length)] : "");
        int shape = r.nextInt(6);
        if (shape == 0 || v.indexOf(d) >= 0) {
            return new Field('"' + v + '"', v);
        }
        if (shape == 1) {
            String inner = v + "\"\"" + d + "\n" + v;
            return new Field('"' + inner + '"', v + '"' + d + "\n" + v);
        }
        return new Field(v, v.equals(nullMarker) ? null : v);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void fieldsMatchAReferenceParse(long seed) {
        Random r = new Random(seed);
        char d = ",|\t;".charAt(r.nextInt(4));
        String nullMarker = r.nextBoolean() ? "" : "\\N";
        ByteCsvRecord rec = record(d, nullMarker);
        StringBuilder text = new StringBuilder();
        List<List<Field>> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = 1 + r.nextInt(12);
            List<Field> fields = new ArrayList<>();
            for (int f = 0; f < n; f++) {
                Field field = randomField(r, d, nullMarker);
                fields.add(field);
                text.append(f == 0 ? "" : String.valueOf(d)).append(field.raw());
            }
            if (n == 1 && fields.get(0).raw().isEmpty()) {
                fields.set(0, new Field("x", "x"));
                text.append('x');
            }
            text.append(r.nextInt(3) == 0 ? "\r\n" : "\n");
            expected.add(fields);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        Utf8Text utf8 = new Utf8Text();
        for (int i = 0; i < expected.size(); i++) {
            int end = rec.parse(bytes, pos, bytes.length, true, i + 1);
            assertTrue(end >= 0, "record " + i + " ends");
            List<Field> fields = expected.get(i);
            assertEquals(fields.size(), rec.fieldCount(), "fields of record " + i);
            for (int f = 0; f < fields.size(); f++) {
                String want = fields.get(f).value();
                if (want == null) {
                    assertTrue(rec.isNull(f), "record " + i + " field " + f + " is null");
                    continue;
                }
                assertEquals(want.equals(nullMarker) && !fields.get(f).raw().startsWith("\""), rec.isNull(f), "record " + i + " field " + f);
                assertEquals(want, rec.raw(f), "record " + i + " field " + f);
                try {
                    rec.utf8(f, "c", utf8);
                } catch (ConversionException e) {
                    throw new AssertionError(e);
                }
                assertEquals(want, utf8.toString(), "record " + i + " field " + f + " as UTF-8 bytes");
            }
            pos = end + 1;
        }
        assertEquals(bytes.length, pos);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 77, 777})
    void decimalsParseExactlyLikeJava(long seed) throws Exception {
        Random r = new Random(seed);
        ByteCsvRecord rec = record(',', "");
        for (int i = 0; i < 20_000; i++) {
            String s = switch (r.nextInt(5)) {
                case 0 -> Long.toString(r.nextLong() % 1_000_000_000_000_000L);
                case 1 -> String.format(Locale.ROOT, "%." + r.nextInt(18) + "f", (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20)));
                case 2 -> (r.nextBoolean() ? "-" : "") + r.nextInt(1000) + "." + "0".repeat(r.nextInt(4)) + r.nextInt(100_000);
                case 3 -> Double.toString(r.nextGaussian() * 1e6);
                default -> "0." + digits(r, 1 + r.nextInt(18));
            };
            byte[] b = (s + "\n").getBytes(StandardCharsets.US_ASCII);
            rec.parse(b, 0, b.length, true, 1);
            assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(rec.float64(0, "x")), s);
        }
    }

    static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void utf8ChecksAgreeWithTheJdkDecoder(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[1 + r.nextInt(8)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (r.nextInt(3) == 0 ? 0x80 + r.nextInt(0x80) : r.nextInt(3) == 0 ? 0xc0 + r.nextInt(0x40) : 1 + r.nextInt(0x7f));
            }
            boolean jdkValid;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
                jdkValid = true;
            } catch (CharacterCodingException e) {
                jdkValid = false;
            }
            assertEquals(jdkValid, Utf8Text.invalidUtf8(b, 0, b.length) == null, java.util.HexFormat.of().formatHex(b));
        }
        assertEquals("a NUL byte at byte 1 of the field (PostgreSQL text cannot hold one)", Utf8Text.invalidUtf8(new byte[] {'a', 0}, 0, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00e9", "plain"})
    void invalidUtf8InAFileFieldIsAConversionError(String prefix) {
        ByteCsvRecord rec = record(',', "");
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[p.length + 3];
        System.arraycopy(p, 0, b, 0, p.length);
        b[p.length] = (byte) 0xff;
        b[p.length + 1] = ',';
        b[p.length + 2] = '\n';
        rec.parse(b, 0, b.length, true, 4);
        ConversionException e = assertThrows(ConversionException.class, () -> rec.utf8(0, "name", new Utf8Text()));
        String reason = "column name: invalid byte sequence for encoding \"UTF8\": 0xff at byte " + p.length + " of the field";
        assertEquals(reason, e.getMessage());
        // every getter that decodes the field refuses the bytes the same way (never U+FFFD)
        assertEquals(reason, assertThrows(ConversionException.class, () -> rec.text(0, "name")).getMessage());
        assertEquals(reason, assertThrows(ConversionException.class, () -> rec.int32(0, "name")).getMessage());
        assertEquals(reason, assertThrows(ConversionException.class, () -> rec.float64(0, "name")).getMessage());
        assertEquals(reason, assertThrows(ConversionException.class, () -> rec.decimal(0, "name")).getMessage());
        assertEquals(reason, assertThrows(ConversionException.class, () -> rec.date(0, "name", null)).getMessage());
        assertEquals(reason, assertThrows(ConversionException.class, () -> rec.uuid(0, "name")).getMessage());
    }

    @Test
    void bytesAnotherEncodingCannotDecodeAreAConversionErrorWithTheirOffset() {
        ByteCsvRecord rec = new ByteCsvRecord(new CsvFormat((byte) ',', (byte) '"', new byte[0], java.nio.charset.Charset.forName("Shift_JIS"), true,
                io.syncc.runtime.plan.CsvDatasourcePlan.DEFAULT_MAX_FIELD_BYTES));
        byte[] b = {'a', 'b', (byte) 0x81, (byte) 0x20, ',', '\n'};
        rec.parse(b, 0, b.length, true, 2);
        ConversionException e = assertThrows(ConversionException.class, () -> rec.text(0, "name"));
        assertEquals("column name: invalid byte sequence for encoding \"Shift_JIS\": 0x81 at byte 2 of the field", e.getMessage());
    }
}

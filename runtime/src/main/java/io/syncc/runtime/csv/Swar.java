package io.syncc.runtime.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time ("SIMD within a register"): finds delimiter, quote and newline bytes in a
 * {@code long} read from a byte array, so the CSV scanners branch once per special byte instead
 * of once per byte. Masks have the high bit of each matching byte set; byte {@code k} of the word
 * (array index {@code i + k}) is bits {@code 8k..8k+7}, so {@code numberOfTrailingZeros(mask) >>> 3}
 * is the offset of the first match.
 */
final class Swar {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long ONES = 0x0101010101010101L;

    private Swar() {
    }

    /** The eight bytes at {@code b[i..i+8)}; the caller guarantees {@code i + 8 <= b.length}. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** The bytes {@code b[i..limit)}, fewer than eight, as a word whose other bytes are zero. */
    static long partialWord(byte[] b, int i, int limit) {
        long w = 0;
        for (int k = limit - 1; k >= i; k--) {
            w = (w << 8) | (b[k] & 0xFFL);
        }
        return w;
    }

    /**
     * The bytes of the word at {@code b[i]} that lie before {@code limit}: all ones for a whole word,
     * the low {@code limit - i} bytes for the last, partial one. Masks of a partial word are ANDed
     * with it, so the bytes it does not hold never match.
     */
    static long valid(int i, int limit) {
        int n = limit - i;
        return n >= 8 ? -1L : (1L << (n << 3)) - 1;
    }

    /** The word at {@code b[i]}: eight bytes, or the partial word of the last fewer than eight before {@code limit}. */
    static long wordAt(byte[] b, int i, int limit) {
        return limit - i >= 8 ? word(b, i) : partialWord(b, i, limit);
    }

    /** {@code c} in every byte. */
    static long broadcast(byte c) {
        return (c & 0xFFL) * ONES;
    }

    /** High bit set in exactly the bytes of {@code w} equal to the byte of {@code pattern} (no false positives). */
    static long eq(long w, long pattern) {
        long x = w ^ pattern;
        long t = (x & LOW7) + LOW7;
        return ~(t | x | LOW7);
    }

    /** High bit set in the bytes of {@code w} that are not printable-range ASCII text: NUL or above 0x7F. */
    static long nulOrHigh(long w) {
        return (~((w & LOW7) + LOW7) | w) & ~LOW7;
    }

    /** Offset (0..7) of the lowest match in a non-zero mask. */
    static int first(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }
}

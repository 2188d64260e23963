package io.blurfilter.decoder;

/**
 * One JPEG Huffman table (DHT): a 10-bit lookup for the short codes that make up almost all of a
 * photo's symbols, and canonical-code bounds per length for the rest.
 */
final class HuffmanTable {
    static final int LOOKUP_BITS = 10;

    /** For each 10-bit prefix: code length << 8 | symbol, or 0 when the code is longer than that. */
    private final int[] lookup = new int[1 << LOOKUP_BITS];
    /** Largest code of each length 1..16, -1 if none; index 17 is a sentinel that always matches. */
    private final int[] maxCode = new int[18];
    /** symbols[valueOffset[len] + code] is the symbol of a code of that length. */
    private final int[] valueOffset = new int[17];
    private final int[] symbols;
    /**
     * For each 10-bit prefix holding an AC code and all of its magnitude bits: value << 16 | run << 8 |
     * bits used, else 0. Most coefficients of a photo are decoded by this one lookup (stb_image's and
     * libjpeg-turbo's "fast AC" idea), instead of a symbol lookup and a second read for the value.
     * An end-of-block code is here too, with the run {@link #END_OF_BLOCK_RUN}: nearly every block
     * ends with one, so it is as common as one symbol in fifteen.
     */
    private final int[] fastAc = new int[1 << LOOKUP_BITS];
    /** The same for a DC table: value << 16 | bits used for a code and its magnitude bits, else 0. */
    private final int[] fastDc = new int[1 << LOOKUP_BITS];

    /**
     * The run {@link #fastAc} gives an end of block: it carries the coefficient index past 63 + 15, the
     * most any real symbol can reach, so the decoder's one "past the block" test also finds the end.
     */
    static final int END_OF_BLOCK_RUN = 0x7F;

    /**
     * @param counts number of codes of each length 1..16 (index 0 for length 1)
     * @param symbols the symbols in code order
     */
    HuffmanTable(int[] counts, int[] symbols) throws DecodeException {
        this.symbols = symbols;
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            int n = counts[len - 1];
            valueOffset[len] = k - code;
            if (n > 0) {
                if (code + n > (1 << len)) {
                    throw new DecodeException("corrupt JPEG: a Huffman table has more codes than its lengths allow");
                }
                for (int i = 0; i < n; i++, code++, k++) {
                    if (len <= LOOKUP_BITS) {
                        int shift = LOOKUP_BITS - len;
                        for (int fill = code << shift, end = (code + 1) << shift; fill < end; fill++) {
                            lookup[fill] = len << 8 | symbols[k];
                        }
                    }
                }
                maxCode[len] = code - 1;
            } else {
                maxCode[len] = -1;
            }
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
        for (int prefix = 0; prefix < lookup.length; prefix++) {
            int entry = lookup[prefix];
            if (entry == 0) {
                continue;
            }
            int len = entry >>> 8;
            int symbol = entry & 0xFF;
            int size = symbol & 15;
            int run = symbol >>> 4;
            if (len + size <= LOOKUP_BITS) {
                int value = EntropyReader.extend((prefix >>> (LOOKUP_BITS - len - size)) & ((1 << size) - 1), size);
                if (size != 0) {
                    fastAc[prefix] = value << 16 | run << 8 | (len + size);
                } else if (run != 15) { // any run but sixteen zeros ends the block, as in libjpeg
                    fastAc[prefix] = END_OF_BLOCK_RUN << 8 | len;
                }
                if (run == 0) {
                    fastDc[prefix] = value << 16 | (len + size);
                }
            }
        }
    }

    /**
     * For the 10-bit prefix {@code prefix}: value << 16 | run << 8 | bits to skip (the run
     * {@link #END_OF_BLOCK_RUN} for an end of block), or 0 when the symbol is sixteen zeros or longer
     * than the lookup: then {@link #symbol}.
     */
    int fastAc(int prefix) {
        return fastAc[prefix];
    }

    /** For the 10-bit prefix {@code prefix} of a DC code: value << 16 | bits to skip, or 0: then {@link #symbol}. */
    int fastDc(int prefix) {
        return fastDc[prefix];
    }

    /** Decodes one symbol from the reader's next bits. */
    int decode(EntropyReader in) throws DecodeException {
        int entry = symbol(in.peek16());
        in.skip(entry >>> 8);
        return entry & 0xFF;
    }

    /** The symbol whose code starts the 16 bits {@code peek}, as code length << 8 | symbol. */
    int symbol(int peek) throws DecodeException {
        int entry = lookup[peek >>> (16 - LOOKUP_BITS)];
        if (entry != 0) {
            return entry;
        }
        int len = LOOKUP_BITS + 1;
        int code = peek >>> (16 - len);
        while (code > maxCode[len]) {
            len++;
            code = peek >>> (16 - len);
        }
        if (len > 16) {
            throw new DecodeException("corrupt JPEG: invalid Huffman code in the image data");
        }
        return len << 8 | symbols[valueOffset[len] + code];
    }
}

package io.blurfilter.cli.map;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A 5x7 pixel font for the heat map's legend: drawn straight into ARGB pixels, so the legend needs no
 * system fonts (a headless server or CI machine may have none, and AWT text then fails).
 */
final class PixelFont {
    static final int WIDTH = 5;
    static final int HEIGHT = 7;
    private static final Map<Character, String[]> GLYPHS = new HashMap<>();

    static {
        glyph('0', " ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### ");
        glyph('1', "  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### ");
        glyph('2', " ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####");
        glyph('3', "#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### ");
        glyph('4', "   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # ");
        glyph('5', "#####", "#    ", "#### ", "    #", "    #", "#   #", " ### ");
        glyph('6', "  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### ");
        glyph('7', "#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   ");
        glyph('8', " ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### ");
        glyph('9', " ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  ");
        glyph('.', "     ", "     ", "     ", "     ", "     ", " ##  ", " ##  ");
        glyph(':', "     ", " ##  ", " ##  ", "     ", " ##  ", " ##  ", "     ");
        glyph(' ', "     ", "     ", "     ", "     ", "     ", "     ", "     ");
        glyph('a', "     ", "     ", " ### ", "    #", " ####", "#   #", " ####");
        glyph('b', "#    ", "#    ", "# ## ", "##  #", "#   #", "#   #", "#### ");
        glyph('c', "     ", "     ", " ### ", "#    ", "#    ", "#   #", " ### ");
        glyph('d', "    #", "    #", " ## #", "#  ##", "#   #", "#   #", " ####");
        glyph('e', "     ", "     ", " ### ", "#   #", "#####", "#    ", " ### ");
        glyph('f', "  ## ", " #  #", " #   ", "###  ", " #   ", " #   ", " #   ");
        glyph('h', "#    ", "#    ", "# ## ", "##  #", "#   #", "#   #", "#   #");
        glyph('i', "  #  ", "     ", " ##  ", "  #  ", "  #  ", "  #  ", " ### ");
        glyph('l', " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### ");
        glyph('m', "     ", "     ", "## # ", "# # #", "# # #", "#   #", "#   #");
        glyph('n', "     ", "     ", "# ## ", "##  #", "#   #", "#   #", "#   #");
        glyph('o', "     ", "     ", " ### ", "#   #", "#   #", "#   #", " ### ");
        glyph('p', "     ", "     ", "#### ", "#   #", "#### ", "#    ", "#    ");
        glyph('r', "     ", "     ", "# ## ", "##  #", "#    ", "#    ", "#    ");
        glyph('s', "     ", "     ", " ####", "#    ", " ### ", "    #", "#### ");
        glyph('t', " #   ", " #   ", "###  ", " #   ", " #   ", " #  #", "  ## ");
        glyph('u', "     ", "     ", "#   #", "#   #", "#   #", "#  ##", " ## #");
        glyph('w', "     ", "     ", "#   #", "#   #", "# # #", "# # #", " # # ");
        glyph('x', "     ", "     ", "#   #", " # # ", "  #  ", " # # ", "#   #");
        glyph('y', "     ", "     ", "#   #", "#   #", " ####", "    #", " ### ");
    }

    private PixelFont() {}

    private static void glyph(char c, String... rows) {
        GLYPHS.put(c, rows);
    }

    /** Width in pixels of {@code text} drawn at {@code scale}: 6 columns per character, less the last gap. */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * (WIDTH + 1) - 1) * scale;
    }

    /**
     * Draws {@code text} (lower case letters, digits, {@code . :} and space; anything else as a
     * space) with its top-left corner at {@code (x, y)} into the ARGB raster {@code pixels} of width
     * {@code w}, clipped to it.
     */
    static void draw(int[] pixels, int w, int h, String text, int x, int y, int scale, int argb) {
        String s = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < s.length(); i++) {
            String[] rows = GLYPHS.getOrDefault(s.charAt(i), GLYPHS.get(' '));
            int gx = x + i * (WIDTH + 1) * scale;
            for (int r = 0; r < HEIGHT; r++) {
                for (int c = 0; c < WIDTH; c++) {
                    if (rows[r].charAt(c) != '#') {
                        continue;
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            int px = gx + c * scale + dx;
                            int py = y + r * scale + dy;
                            if (px >= 0 && px < w && py >= 0 && py < h) {
                                pixels[py * w + px] = argb;
                            }
                        }
                    }
                }
            }
        }
    }
}

package io.meshwright.engine.design;

import io.meshwright.spi.Location;
import io.meshwright.spi.Problem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of design text: a byte that is not valid UTF-8 is a located problem, never silently
 * replaced (a replaced byte in a name or a Secret's value would deploy something other than what was written).
 * A leading byte-order mark is dropped.
 */
public final class Utf8 {

    /** The text, or the problem that stopped its decoding (then {@code text} is {@code null}). */
    public record Decoded(String text, Problem problem) {}

    private Utf8() {}

    public static Decoded decode(byte[] bytes, String source) {
        return decode(bytes, source, "design.encoding", "a design");
    }

    /**
     * Decodes strictly; a bad byte is a problem with code {@code code} located at its line and column ("…; {@code
     * what} must be UTF-8"). A UTF-8 byte-order mark is dropped.
     */
    public static Decoded decode(byte[] bytes, String source, String code, String what) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int column = 1;
            for (int i = start; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            return new Decoded(null, Problem.error(code, String.format(
                    "invalid UTF-8: byte 0x%02X at offset %d is not valid here; %s must be UTF-8", bytes[offset] & 0xff,
                    offset, what),
                    new Location(source, line, column, null)));
        }
        decoder.flush(out);
        out.flip();
        return new Decoded(out.toString(), null);
    }
}

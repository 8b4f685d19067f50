package org.mailwire.activesync.internal;

/**
 * Recognises WBXML given as hex text ({@code "03 01 6a 00 ..."}, {@code "03016A00"}, {@code
 * "0x03, 0x01"}, one or many lines) and turns it into bytes.
 */
public final class HexInput {
  private HexInput() {}

  /**
   * Returns the bytes a hex dump stands for, or {@code null} when the content is not hex text.
   * Content whose first byte is a WBXML version byte (0x01 to 0x03) or 0x00 is always binary. Hex
   * text may use ASCII whitespace, commas, colons and dashes as separators and {@code 0x} prefixes;
   * it must hold an even number of hex digits, at least two.
   */
  public static byte[] decode(byte[] content) {
    if (content.length == 0 || (content[0] & 0xFF) <= 0x03) {
      return null;
    }
    byte[] out = new byte[content.length / 2];
    int n = 0;
    int high = -1;
    for (int i = 0; i < content.length; i++) {
      int c = content[i] & 0xFF;
      if (c == '0' && i + 1 < content.length && (content[i + 1] == 'x' || content[i + 1] == 'X')
          && high < 0) {
        i++;
        continue;
      }
      int v = Character.digit(c, 16);
      if (v >= 0 && c < 0x80) {
        if (high < 0) {
          high = v;
        } else {
          out[n++] = (byte) (high << 4 | v);
          high = -1;
        }
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ':'
          || c == '-') {
        if (high >= 0) {
          return null;
        }
      } else {
        return null;
      }
    }
    if (high >= 0 || n == 0) {
      return null;
    }
    return java.util.Arrays.copyOf(out, n);
  }
}

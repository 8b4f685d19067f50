package org.mailwire.transport.internal;

/** Renders a bounded, printable excerpt of raw bytes for error messages and the wire trace. */
public final class Excerpt {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Excerpt() {}

  /**
   * Escapes {@code data[from, min(to, from + max))}: printable ASCII stays, {@code \r}, {@code \n}
   * and {@code \t} are written as such, {@code "} and {@code \} are escaped, every other byte as
   * {@code \xNN}. When bytes were cut, {@code "..."} follows.
   */
  public static String of(byte[] data, int from, int to, int max) {
    if (data == null || from >= to) {
      return "";
    }
    int end = Math.min(to, from + max);
    StringBuilder sb = new StringBuilder((end - from) + 8);
    for (int i = from; i < end; i++) {
      appendEscaped(sb, data[i]);
    }
    if (end < to) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** Appends one byte, escaped as {@link #of} does. */
  public static void appendEscaped(StringBuilder sb, byte b) {
    int c = b & 0xff;
    switch (c) {
      case '\r' -> sb.append("\\r");
      case '\n' -> sb.append("\\n");
      case '\t' -> sb.append("\\t");
      case '\\' -> sb.append("\\\\");
      case '"' -> sb.append("\\\"");
      default -> {
        if (c >= 0x20 && c < 0x7f) {
          sb.append((char) c);
        } else {
          sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
      }
    }
  }
}

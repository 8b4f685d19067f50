package org.mailwire.transport.bytes;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free helpers for the ASCII parts of mail protocols: searching, keyword matching and
 * number parsing on byte ranges. Invalid input is reported by return value ({@code -1}, {@code
 * false}), never by exception, so parsers can use them on the hot path.
 */
public final class Ascii {
  private Ascii() {}

  /** Index of the first {@code b} in {@code a[from, to)}, or {@code -1}. */
  public static int indexOf(byte[] a, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Index of the first CRLF (the index of its CR) in {@code a[from, to)}, or {@code -1}. A CR at
   * {@code to - 1} is not a match, since its LF has not been seen.
   */
  public static int indexOfCrlf(byte[] a, int from, int to) {
    int i = from;
    while (i < to - 1) {
      int lf = indexOf(a, i + 1, to, (byte) '\n');
      if (lf < 0) {
        return -1;
      }
      if (a[lf - 1] == '\r') {
        return lf - 1;
      }
      i = lf;
    }
    return -1;
  }

  /** ASCII upper case of one byte; other bytes are returned unchanged. */
  public static byte toUpper(byte b) {
    return (b >= 'a' && b <= 'z') ? (byte) (b - 32) : b;
  }

  /**
   * Whether {@code a[off, off + len)} equals {@code upperKeyword}, ignoring ASCII case.
   *
   * @param upperKeyword the keyword in upper case, e.g. {@code "OK".getBytes(US_ASCII)}
   */
  public static boolean equalsIgnoreCase(byte[] a, int off, int len, byte[] upperKeyword) {
    if (len != upperKeyword.length) {
      return false;
    }
    return startsWithIgnoreCase(a, off, off + len, upperKeyword);
  }

  /** Whether {@code a[off, to)} starts with {@code upperKeyword}, ignoring ASCII case. */
  public static boolean startsWithIgnoreCase(byte[] a, int off, int to, byte[] upperKeyword) {
    if (to - off < upperKeyword.length) {
      return false;
    }
    for (int i = 0; i < upperKeyword.length; i++) {
      if (toUpper(a[off + i]) != upperKeyword[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code b} is {@code '0'..'9'}. */
  public static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /**
   * Parses the unsigned decimal number {@code a[off, off + len)}.
   *
   * @return the value, or {@code -1} if the range is empty, has a non-digit, or overflows {@code
   *     long}
   */
  public static long parseUnsignedLong(byte[] a, int off, int len) {
    if (len <= 0 || len > 19) {
      return -1;
    }
    long v = 0;
    for (int i = off; i < off + len; i++) {
      byte b = a[i];
      if (b < '0' || b > '9') {
        return -1;
      }
      if (v > (Long.MAX_VALUE - (b - '0')) / 10) {
        return -1;
      }
      v = v * 10 + (b - '0');
    }
    return v;
  }

  /**
   * Parses the unsigned decimal number {@code a[off, off + len)} that must fit an {@code int}.
   *
   * @return the value, or {@code -1} if invalid or over {@link Integer#MAX_VALUE}
   */
  public static int parseUnsignedInt(byte[] a, int off, int len) {
    if (len > 10) {
      return -1;
    }
    long v = parseUnsignedLong(a, off, len);
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /** The bytes as a string, one char per byte (ISO-8859-1); for ASCII protocol text. */
  public static String string(byte[] a, int off, int len) {
    return new String(a, off, len, StandardCharsets.ISO_8859_1);
  }

  /** The ASCII bytes of {@code s}; for constants. */
  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Checks that {@code s} can go on the wire as part of a command line: no CR, LF or NUL.
   *
   * @return {@code s}
   * @throws IllegalArgumentException if it holds CR, LF or NUL; the message names the argument but
   *     never shows its value (it may be a secret)
   */
  public static String requireNoLineBreak(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException(
            what + " must not contain CR, LF or NUL (found at index " + i + ")");
      }
    }
    return s;
  }
}

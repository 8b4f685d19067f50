package org.mailwire.imap.internal;

/** IMAP character classes (RFC 9051 §9) and small helpers. */
public final class Ascii2 {
  private static final boolean[] ATOM = new boolean[256];

  static {
    for (int c = 0x21; c < 0x7f; c++) {
      ATOM[c] = true;
    }
    for (char c : new char[] {'(', ')', '{', '%', '*', '"', '\\', ']'}) {
      ATOM[c] = false;
    }
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = '"' * ONES;
  private static final long BACKSLASHES = '\\' * ONES;
  private static final long LFS = '\n' * ONES;

  private Ascii2() {}

  /** Bit 7 of each byte of the result is set where {@code w} has a zero byte (exact for the lowest one). */
  private static long zeros(long w) {
    return (w - ONES) & ~w & HIGHS;
  }

  /** The index of the first {@code "} or backslash in {@code a[from, to)}, or {@code to}; eight bytes at a time. */
  public static int indexOfQuoteOrBackslash(byte[] a, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(a, i);
      long t = zeros(w ^ QUOTES) | zeros(w ^ BACKSLASHES);
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (a[i] == '"' || a[i] == '\\') {
        return i;
      }
    }
    return to;
  }

  /** The index of the first LF in {@code a[from, to)}, or -1; eight bytes at a time. */
  public static int indexOfLf(byte[] a, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long t = zeros((long) LONGS.get(a, i) ^ LFS);
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (a[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the first {@code ]} in {@code a[from, to)} outside quoted strings (a section's or
   * a response code's end), or -1 if there is none or a quoted string is not closed.
   */
  public static int indexOfBracketEnd(byte[] a, int from, int to) {
    int i = from;
    while (i < to) {
      byte x = a[i];
      if (x == ']') {
        return i;
      }
      if (x == '"') {
        i = quoteEnd(a, i + 1, to);
        if (i >= to) {
          return -1;
        }
      }
      i++;
    }
    return -1;
  }

  /**
   * The index of the {@code "} that ends a quoted string whose content starts at {@code from}
   * (backslash escapes skipped), or a value of at least {@code to} if it does not end before {@code to}.
   */
  public static int quoteEnd(byte[] a, int from, int to) {
    int i = from;
    while (i < to && a[i] != '"') {
      if (a[i] == '\\') {
        i++;
      }
      i++;
    }
    return i;
  }

  /** ATOM-CHAR. */
  public static boolean isAtomChar(byte b) {
    return ATOM[b & 0xff];
  }

  /** ASTRING-CHAR: ATOM-CHAR or {@code ]}. */
  public static boolean isAstringChar(byte b) {
    return ATOM[b & 0xff] || b == ']';
  }

  /** {@code 0-9}. */
  public static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** Letters and digits. */
  public static boolean isAlnum(byte b) {
    return isDigit(b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  /** The decimal value of {@code s}, or {@code -1} if it is not 1 to 18 digits. */
  public static long parseLong(String s) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** A printable, escaped rendering of {@code a[from, to)} ({@code \r}, {@code \n}, {@code \xNN}). */
  public static String excerpt(byte[] a, int from, int to) {
    StringBuilder sb = new StringBuilder(Math.max(0, to - from) + 8);
    for (int i = from; i < to; i++) {
      int b = a[i] & 0xff;
      if (b == '\r') {
        sb.append("\\r");
      } else if (b == '\n') {
        sb.append("\\n");
      } else if (b == '\\') {
        sb.append("\\\\");
      } else if (b < 0x20 || b >= 0x7f) {
        sb.append(String.format("\\x%02X", b));
      } else {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }
}

package org.mailwire.activesync.internal;

/**
 * UTF-8 checks on byte ranges, as RFC 3629 defines UTF-8: no overlong forms, no surrogates, nothing
 * above U+10FFFF. No allocation.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * Finds the first byte that starts a malformed sequence.
   *
   * @return the index of that byte in {@code b}, or {@code -1} when {@code b[from, to)} is
   *     well-formed UTF-8 (a sequence cut off at {@code to} counts as malformed)
   */
  public static int firstMalformed(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len = sequenceLength(b, i, to);
      if (len <= 0) {
        return i;
      }
      i += len;
    }
    return -1;
  }

  /**
   * Returns where a chunk of a longer UTF-8 stream may end: {@code to}, or earlier when the last
   * bytes are the valid beginning of a sequence that continues after {@code to}. Malformed bytes
   * are not judged here; {@link #firstMalformed} does that.
   */
  public static int completePrefix(byte[] b, int from, int to) {
    for (int back = 1; back <= 3 && to - back >= from; back++) {
      int c = b[to - back] & 0xFF;
      if (c < 0x80) {
        return to;
      }
      if (c >= 0xC0) {
        int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (need > back && sequenceLength(b, to - back, to) == 0) {
          return to - back;
        }
        return to;
      }
    }
    return to;
  }

  /**
   * Returns the length of the well-formed sequence starting at {@code i}, {@code 0} when it is a
   * valid but incomplete prefix cut off at {@code to}, or {@code -1} when it is malformed.
   */
  private static int sequenceLength(byte[] b, int i, int to) {
    int c = b[i] & 0xFF;
    int need;
    int min2;
    int max2;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 2;
      min2 = 0x80;
      max2 = 0xBF;
    } else if (c == 0xE0) {
      need = 3;
      min2 = 0xA0;
      max2 = 0xBF;
    } else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) {
      need = 3;
      min2 = 0x80;
      max2 = 0xBF;
    } else if (c == 0xED) {
      need = 3;
      min2 = 0x80;
      max2 = 0x9F;
    } else if (c == 0xF0) {
      need = 4;
      min2 = 0x90;
      max2 = 0xBF;
    } else if (c >= 0xF1 && c <= 0xF3) {
      need = 4;
      min2 = 0x80;
      max2 = 0xBF;
    } else if (c == 0xF4) {
      need = 4;
      min2 = 0x80;
      max2 = 0x8F;
    } else {
      return -1;
    }
    for (int k = 1; k < need; k++) {
      if (i + k >= to) {
        return 0;
      }
      int d = b[i + k] & 0xFF;
      int lo = k == 1 ? min2 : 0x80;
      int hi = k == 1 ? max2 : 0xBF;
      if (d < lo || d > hi) {
        return -1;
      }
    }
    return need;
  }
}

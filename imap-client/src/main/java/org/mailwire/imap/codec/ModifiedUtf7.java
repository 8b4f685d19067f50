package org.mailwire.imap.codec;

import java.nio.charset.StandardCharsets;

/**
 * Modified UTF-7 (RFC 3501 §5.1.3), the encoding of international mailbox names before
 * UTF8=ACCEPT: printable ASCII stands for itself ({@code &} as {@code &-}); other characters are
 * UTF-16 in a modified base64 ({@code ,} for {@code /}) between {@code &} and {@code -}.
 */
public final class ModifiedUtf7 {
  private static final char[] B64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
  private static final int[] INV = new int[128];

  static {
    java.util.Arrays.fill(INV, -1);
    for (int i = 0; i < B64.length; i++) {
      INV[B64[i]] = i;
    }
  }

  private ModifiedUtf7() {}

  /** Encodes {@code name}; never fails (unpaired surrogates are encoded as they are). */
  public static String encode(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 8);
    int i = 0;
    int n = name.length();
    while (i < n) {
      char c = name.charAt(i);
      if (c >= 0x20 && c <= 0x7e) {
        sb.append(c == '&' ? "&-" : String.valueOf(c));
        i++;
        continue;
      }
      int j = i;
      while (j < n && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
        j++;
      }
      sb.append('&');
      int bits = 0;
      int acc = 0;
      for (int k = i; k < j; k++) {
        acc = (acc << 16) | name.charAt(k);
        bits += 16;
        while (bits >= 6) {
          bits -= 6;
          sb.append(B64[(acc >>> bits) & 0x3f]);
        }
      }
      if (bits > 0) {
        sb.append(B64[(acc << (6 - bits)) & 0x3f]);
      }
      sb.append('-');
      i = j;
    }
    return sb.toString();
  }

  /**
   * Decodes a modified UTF-7 name.
   *
   * @return the decoded name, or {@code null} when {@code s} is not valid modified UTF-7 (8-bit
   *     characters, a bad base64 run, or a run that encodes printable ASCII)
   */
  public static String decode(String s) {
    if (s.indexOf('&') < 0) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) > 0x7e) {
          return null;
        }
      }
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c > 0x7e) {
        return null;
      }
      if (c != '&') {
        sb.append(c);
        i++;
        continue;
      }
      int end = s.indexOf('-', i + 1);
      if (end < 0) {
        return null;
      }
      if (end == i + 1) {
        sb.append('&');
        i = end + 1;
        continue;
      }
      int bits = 0;
      int acc = 0;
      int start = sb.length();
      for (int k = i + 1; k < end; k++) {
        char b = s.charAt(k);
        int v = b < 128 ? INV[b] : -1;
        if (v < 0) {
          return null;
        }
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 16) {
          bits -= 16;
          sb.append((char) ((acc >>> bits) & 0xffff));
        }
      }
      if (bits >= 6 || (acc & ((1 << bits) - 1)) != 0 || sb.length() == start) {
        return null;
      }
      for (int k = start; k < sb.length(); k++) {
        char d = sb.charAt(k);
        if (d >= 0x20 && d <= 0x7e) {
          return null;
        }
      }
      i = end + 1;
    }
    return sb.toString();
  }

  /** Whether {@code s} is ASCII only. */
  static boolean isAscii(String s) {
    return s.length() == s.getBytes(StandardCharsets.UTF_8).length;
  }
}

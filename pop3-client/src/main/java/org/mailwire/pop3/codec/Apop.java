package org.mailwire.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * APOP (RFC 1939 §7): the timestamp a server puts in its greeting and the digest the client
 * answers with, {@code MD5(timestamp + secret)} in lower-case hex.
 *
 * <p>APOP protects the password from being read off the wire but not much more (MD5, and the
 * server must store the secret in clear); prefer SASL SCRAM where offered.
 */
public final class Apop {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Apop() {}

  /**
   * Finds the APOP timestamp in a greeting: the first {@code <...>} holding an {@code @} (RFC 1939
   * §4 gives it the syntax of a msg-id), brackets included.
   *
   * @param greeting the {@code +OK} greeting line
   * @return the timestamp, or empty when the greeting has none (the server does not offer APOP)
   */
  public static Optional<String> timestamp(StatusLine greeting) {
    String t = greeting.text();
    int open = t.indexOf('<');
    while (open >= 0) {
      int close = t.indexOf('>', open + 1);
      if (close < 0) {
        return Optional.empty();
      }
      String candidate = t.substring(open, close + 1);
      if (candidate.indexOf('@') > 0 && isPrintableAscii(candidate) && candidate.indexOf(' ') < 0) {
        return Optional.of(candidate);
      }
      open = t.indexOf('<', open + 1);
    }
    return Optional.empty();
  }

  /**
   * Computes the APOP digest.
   *
   * @param timestamp the greeting's timestamp, brackets included
   * @param secret the shared secret (encoded as UTF-8; the temporary bytes are wiped)
   * @return 32 lower-case hex digits
   * @throws IllegalArgumentException if the timestamp is not printable ASCII within brackets
   */
  public static String digest(String timestamp, char[] secret) {
    if (timestamp == null || !timestamp.startsWith("<") || !timestamp.endsWith(">")
        || !isPrintableAscii(timestamp)) {
      throw new IllegalArgumentException("APOP timestamp must be <...> in printable ASCII");
    }
    byte[] s = Pop3Command.utf8(secret);
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      md5.update(s);
      byte[] d = md5.digest();
      char[] hex = new char[32];
      for (int i = 0; i < 16; i++) {
        hex[2 * i] = HEX[(d[i] >> 4) & 0xf];
        hex[2 * i + 1] = HEX[d[i] & 0xf];
      }
      return new String(hex);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  private static boolean isPrintableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}

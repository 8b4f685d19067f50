package org.mailwire.sasl.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.mailwire.sasl.SaslException;

/** Byte helpers shared by the mechanisms: base64 in wire form, UTF-8 of secrets, sanitising. */
public final class Wire {
  private Wire() {}

  /**
   * Decodes a base64 challenge as received: spaces and tabs around it are ignored, empty text and
   * a lone {@code "="} are an empty challenge.
   *
   * @param b64 the buffer holding the text
   * @param off the text's first byte
   * @param len the text's length
   * @param what what the text is, for the message
   * @return the decoded bytes
   * @throws SaslException if the text is not base64; the message does not quote it
   */
  public static byte[] decodeBase64(byte[] b64, int off, int len, String what) throws SaslException {
    if (off < 0 || len < 0 || off > b64.length - len) {
      throw new IndexOutOfBoundsException("off=" + off + ", len=" + len + ", length=" + b64.length);
    }
    int from = off;
    int to = off + len;
    while (from < to && (b64[from] == ' ' || b64[from] == '\t')) {
      from++;
    }
    while (to > from && (b64[to - 1] == ' ' || b64[to - 1] == '\t')) {
      to--;
    }
    if (from == to || (to - from == 1 && b64[from] == '=')) {
      return new byte[0];
    }
    if ((to - from) % 4 == 1) {
      throw new SaslException("malformed base64 in " + what + " (" + (to - from) + " characters)");
    }
    for (int i = from; i < to; i++) {
      byte c = b64[i];
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        throw new SaslException("malformed base64 in " + what + ": invalid character at position " + (i - from));
      }
    }
    try {
      return toArray(Base64.getDecoder().decode(ByteBuffer.wrap(b64, from, to - from)));
    } catch (IllegalArgumentException e) {
      // The JDK's message may quote a character of the input; do not keep it.
      throw new SaslException("malformed base64 in " + what + " (" + (to - from) + " characters)");
    }
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /**
   * Base64 of {@code raw}.
   *
   * @param raw the bytes to encode
   * @return the base64 text as ASCII bytes, empty for an empty input
   */
  public static byte[] encodeBase64(byte[] raw) {
    return Base64.getEncoder().encode(raw);
  }

  /**
   * UTF-8 of a secret held in a {@code char[]}, without making a {@code String}.
   *
   * @param secret the characters; not modified
   * @param what what they are ("password"), for the message
   * @return a new array with the UTF-8 bytes
   * @throws SaslException if it holds an unpaired surrogate
   */
  public static byte[] utf8(char[] secret, String what) throws SaslException {
    CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bb;
    try {
      bb = enc.encode(CharBuffer.wrap(secret));
    } catch (CharacterCodingException e) {
      throw new SaslException(what + " is not valid UTF-16 (unpaired surrogate)");
    }
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return out;
  }

  /**
   * UTF-8 of a non-secret string.
   *
   * @param s the string
   * @return its UTF-8 bytes
   */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Concatenates byte arrays.
   *
   * @param parts the arrays, in order
   * @return a new array holding all their bytes
   */
  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /**
   * Zeroes each array.
   *
   * @param arrays the arrays to wipe; null entries are skipped
   */
  public static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }

  /**
   * A server-supplied value made safe for an exception message: printable ASCII only (others
   * become {@code ?}), at most {@code max} characters.
   *
   * @param s the server's value
   * @param max the most characters kept; longer values end in {@code "..."}
   * @return the sanitised text
   */
  public static String sanitize(CharSequence s, int max) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 3);
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (s.length() > max) {
      sb.append("...");
    }
    return sb.toString();
  }

  /**
   * Whether {@code s} contains a control character.
   *
   * @param s the text
   * @return true if it has a character below U+0020 or U+007F (DEL)
   */
  public static boolean hasControl(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}

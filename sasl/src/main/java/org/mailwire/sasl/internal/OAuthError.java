package org.mailwire.sasl.internal;

import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code "status"} member of the JSON error object an OAuth SASL server sends as its
 * failure challenge (RFC 7628 section 3.2.2; Google's and Microsoft's XOAUTH2), e.g. {@code
 * {"status":"invalid_token","scope":"..."}}. A tiny bounded JSON reader: it accepts a top-level
 * object, skips the values of other members (nesting up to {@value #MAX_DEPTH} levels) and returns
 * null when the text is not such an object or has no string/number status.
 */
final class OAuthError {
  private static final int MAX_DEPTH = 16;
  private static final int MAX_LENGTH = 64 * 1024;

  private final String s;
  private int i;

  private OAuthError(String s) {
    this.s = s;
  }

  /** The status value, or null if the challenge is not a JSON object with one. */
  static String status(byte[] challenge) {
    if (challenge.length > MAX_LENGTH) {
      return null;
    }
    OAuthError r = new OAuthError(new String(challenge, StandardCharsets.UTF_8));
    try {
      return r.object();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String object() {
    ws();
    expect('{');
    String status = null;
    ws();
    if (peek() == '}') {
      i++;
      return null;
    }
    while (true) {
      ws();
      String key = string();
      ws();
      expect(':');
      ws();
      if ("status".equals(key) && (peek() == '"')) {
        status = string();
      } else if ("status".equals(key) && (peek() == '-' || Character.isDigit(peek()))) {
        int start = i;
        skipValue(0);
        status = s.substring(start, i);
      } else {
        skipValue(0);
      }
      ws();
      char c = next();
      if (c == '}') {
        return status;
      }
      if (c != ',') {
        throw new IllegalArgumentException();
      }
    }
  }

  private void skipValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException();
    }
    char c = peek();
    if (c == '"') {
      string();
    } else if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      i++;
      ws();
      if (peek() == close) {
        i++;
        return;
      }
      while (true) {
        ws();
        if (close == '}') {
          string();
          ws();
          expect(':');
          ws();
        }
        skipValue(depth + 1);
        ws();
        char d = next();
        if (d == close) {
          return;
        }
        if (d != ',') {
          throw new IllegalArgumentException();
        }
      }
    } else {
      int start = i;
      while (i < s.length() && "+-.0123456789eEtruefalsn".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (i == start) {
        throw new IllegalArgumentException();
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = next();
        switch (e) {
          case 'u':
            if (i + 4 > s.length()) {
              throw new IllegalArgumentException();
            }
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
            break;
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          default:
            sb.append(e);
        }
      } else if (c < 0x20) {
        throw new IllegalArgumentException();
      } else {
        sb.append(c);
      }
    }
  }

  private void ws() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
      i++;
    }
  }

  private char peek() {
    if (i >= s.length()) {
      throw new IllegalArgumentException();
    }
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException();
    }
  }
}

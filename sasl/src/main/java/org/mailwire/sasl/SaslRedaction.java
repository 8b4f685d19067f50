package org.mailwire.sasl;

import org.mailwire.transport.Redactor;

/**
 * {@link Redactor}s for the wire trace of SASL exchanges, so that passwords, tokens and the
 * base64 that carries them never reach a log.
 *
 * <p>Use {@link #authCommand()} for the line that starts the exchange and {@link #responses()} for
 * every client line sent in answer to a challenge:
 *
 * <pre>{@code
 * trace.client(line, 0, line.length, SaslRedaction.authCommand());  // C: AUTH PLAIN <redacted>
 * trace.client(answer, 0, answer.length, SaslRedaction.responses()); // C: <redacted>
 * }</pre>
 *
 * <p>A redactor returns how many leading bytes of a line may be shown; the trace replaces the rest
 * with {@code <redacted>}.
 */
public final class SaslRedaction {
  private static final byte[] AUTH = {'A', 'U', 'T', 'H'};
  private static final byte[] AUTHENTICATE = {'A', 'U', 'T', 'H', 'E', 'N', 'T', 'I', 'C', 'A', 'T', 'E'};

  private static final Redactor AUTH_COMMAND = (line, off, len) -> {
    int firstEnd = wordEnd(line, off, off + len);
    if (wordEquals(line, off, firstEnd, AUTH)) {
      return visibleWords(line, off, len, 2);
    }
    int secondStart = Math.min(firstEnd + 1, off + len);
    int secondEnd = wordEnd(line, secondStart, off + len);
    if (wordEquals(line, secondStart, secondEnd, AUTHENTICATE)) {
      return visibleWords(line, off, len, 3);
    }
    return 0;
  };

  private static final Redactor RESPONSES = (line, off, len) -> len == 1 && line[off] == '*' ? 1 : 0;

  private SaslRedaction() {}

  /**
   * For the command that starts an exchange: {@code AUTH <mechanism> [<initial-response>]} (SMTP,
   * POP3) or {@code <tag> AUTHENTICATE <mechanism> [<initial-response>]} (IMAP). Shows the words up
   * to the mechanism name and hides the initial response; hides any other line completely.
   *
   * @return the redactor; e.g. {@code a1 AUTHENTICATE PLAIN AGFsaWNl...} is traced as {@code a1
   *     AUTHENTICATE PLAIN <redacted>}
   */
  public static Redactor authCommand() {
    return AUTH_COMMAND;
  }

  /**
   * For the client's answers to challenges: hides every line except a lone {@code *} (the
   * client's cancellation, which carries no secret).
   *
   * @return the redactor
   */
  public static Redactor responses() {
    return RESPONSES;
  }

  /**
   * Shows the first {@code n} space-separated words of a line, with the space that follows the
   * last of them, and hides the rest. A line with at most {@code n} words is shown whole.
   *
   * @param n how many words to show, at least 0
   * @return the redactor; {@code hideAfterWords(2)} traces {@code AUTH PLAIN AGFsaWNl...} as
   *     {@code AUTH PLAIN <redacted>}
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public static Redactor hideAfterWords(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n < 0: " + n);
    }
    return (line, off, len) -> visibleWords(line, off, len, n);
  }

  /**
   * Shows the first {@code n} bytes of a line and hides the rest.
   *
   * @param n how many leading bytes to show, at least 0
   * @return the redactor; {@code hideAfterPrefix(5)} traces {@code PASS secret} as {@code PASS
   *     <redacted>}
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public static Redactor hideAfterPrefix(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n < 0: " + n);
    }
    return (line, off, len) -> Math.min(n, len);
  }

  private static int visibleWords(byte[] line, int off, int len, int words) {
    int end = off + len;
    int i = off;
    for (int w = 0; w < words; w++) {
      i = wordEnd(line, i, end);
      if (i >= end) {
        return len;
      }
      i++; // the space after the word
    }
    return i - off;
  }

  private static int wordEnd(byte[] line, int from, int end) {
    int i = from;
    while (i < end && line[i] != ' ') {
      i++;
    }
    return i;
  }

  private static boolean wordEquals(byte[] line, int from, int to, byte[] upper) {
    if (to - from != upper.length) {
      return false;
    }
    for (int i = 0; i < upper.length; i++) {
      byte c = line[from + i];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != upper[i]) {
        return false;
      }
    }
    return true;
  }
}

package org.mailwire.smtp.codec;

import java.util.List;
import java.util.Objects;

/**
 * One complete SMTP or LMTP reply (RFC 5321 §4.2): a three-digit code, the RFC 3463 enhanced
 * status code when the server sent one (RFC 2034), and the text of each line. An immutable copy;
 * {@link ReplyView} is the allocation-free view the decoder fills.
 *
 * @param code the three-digit reply code, 200..599
 * @param enhancedStatus the enhanced status code of the first line, or {@code null} when absent
 * @param lines the text of each line, without the code, the separator, the enhanced status code
 *     and the line end; at least one (possibly empty) line
 */
public record Reply(int code, EnhancedStatus enhancedStatus, List<String> lines) {

  /**
   * @throws IllegalArgumentException when {@code code} is outside 200..599 or there are no lines
   */
  public Reply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("reply code out of range: " + code);
    }
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
  }

  /** A one-line reply without enhanced status code, e.g. for tests and scripted servers. */
  public static Reply of(int code, String text) {
    return new Reply(code, null, List.of(text));
  }

  /** 2yz: the command succeeded. */
  public boolean isPositiveCompletion() {
    return code / 100 == 2;
  }

  /** 3yz: the server waits for more (354 after DATA, 334 during AUTH). */
  public boolean isPositiveIntermediate() {
    return code / 100 == 3;
  }

  /** 4yz: a transient failure; the same command may succeed later. */
  public boolean isTransientFailure() {
    return code / 100 == 4;
  }

  /** 5yz: a permanent failure. */
  public boolean isPermanentFailure() {
    return code / 100 == 5;
  }

  /** The text of all lines joined with {@code "\n"}. */
  public String text() {
    return lines.size() == 1 ? lines.get(0) : String.join("\n", lines);
  }

  /** The enhanced status code as text ({@code "5.1.1"}), or {@code null} when absent. */
  public String enhancedStatusText() {
    return enhancedStatus == null ? null : enhancedStatus.toString();
  }

  /** The reply as it looks on the wire, lines joined with {@code "\n"} (no CR). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
      String line = lines.get(i);
      if (enhancedStatus != null) {
        sb.append(enhancedStatus);
        if (!line.isEmpty()) {
          sb.append(' ');
        }
      }
      sb.append(line);
    }
    return sb.toString();
  }
}

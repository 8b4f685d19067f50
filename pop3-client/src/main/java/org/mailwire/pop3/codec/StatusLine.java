package org.mailwire.pop3.codec;

import java.util.Objects;

/**
 * One POP3 status line: {@code +OK}, {@code -ERR} (RFC 1939 §3), or a SASL continuation {@code +}
 * (RFC 5034 §4), with the optional RFC 2449 response code and the text.
 *
 * @param kind which of the three it is
 * @param code the response code ({@code [SYS/TEMP]} etc.), or {@code null} when none was sent
 * @param text the rest of the line after the status (and code), without the line end; for a
 *     continuation, the base64 challenge (possibly empty)
 */
public record StatusLine(Kind kind, ResponseCode code, String text) {
  /** The three kinds of status line. */
  public enum Kind {
    /** {@code +OK}: the command succeeded. */
    OK,
    /** {@code -ERR}: the command was refused. */
    ERR,
    /** {@code +} or {@code + challenge}: the server expects a SASL response line. */
    CONTINUATION
  }

  /** @throws NullPointerException if {@code kind} or {@code text} is null */
  public StatusLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  /** Returns a {@code +OK} line with no response code. */
  public static StatusLine ok(String text) {
    return new StatusLine(Kind.OK, null, text);
  }

  /** Returns a {@code -ERR} line with the given code (or {@code null}). */
  public static StatusLine err(ResponseCode code, String text) {
    return new StatusLine(Kind.ERR, code, text);
  }

  /** Returns a continuation carrying the base64 challenge {@code text}. */
  public static StatusLine continuation(String text) {
    return new StatusLine(Kind.CONTINUATION, null, text);
  }

  /** Returns {@code true} for {@code +OK}. */
  public boolean isOk() {
    return kind == Kind.OK;
  }

  /** Returns {@code true} for {@code -ERR}. */
  public boolean isErr() {
    return kind == Kind.ERR;
  }

  /** Returns {@code true} for a SASL continuation. */
  public boolean isContinuation() {
    return kind == Kind.CONTINUATION;
  }

  /** Returns the line as on the wire, without the line end. */
  @Override
  public String toString() {
    String status = switch (kind) {
      case OK -> "+OK";
      case ERR -> "-ERR";
      case CONTINUATION -> "+";
    };
    StringBuilder sb = new StringBuilder(status);
    if (code != null) {
      sb.append(' ').append(code);
    }
    if (!text.isEmpty()) {
      sb.append(' ').append(text);
    }
    return sb.toString();
  }
}

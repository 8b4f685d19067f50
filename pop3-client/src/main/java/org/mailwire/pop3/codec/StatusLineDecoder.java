package org.mailwire.pop3.codec;

import java.nio.charset.StandardCharsets;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Ascii;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Decodes one POP3 status line: {@code +OK [text]}, {@code -ERR [text]} (RFC 1939 §3), or a SASL
 * continuation {@code + [base64]} (RFC 5034 §4; a bare {@code +} is accepted too, as some servers
 * send it), with an optional RFC 2449 response code in brackets.
 *
 * <p>Each call returns the next complete line, consuming it and its line end, or {@code null}
 * consuming nothing. The status is matched ignoring case; lines may end in CRLF or a bare LF. A
 * bracket that is not closed, or that holds a space or control, is not a response code and stays
 * part of the text. The text is decoded as UTF-8 (RFC 6856 servers may send it; ASCII is
 * unaffected). The decoder is stateless and may be reused.
 *
 * <pre>{@code
 * StatusLine s = new StatusLineDecoder().decode(in);   // null: need more input
 * }</pre>
 */
public final class StatusLineDecoder implements Decoder<StatusLine> {
  private static final byte[] OK = Ascii.bytes("+OK");
  private static final byte[] ERR = Ascii.bytes("-ERR");

  private final int maxLineLength;

  /** Returns a decoder with the default {@link Pop3Limits#maxLineLength()}. */
  public StatusLineDecoder() {
    this(Pop3Limits.defaults());
  }

  /** Returns a decoder enforcing {@code limits.maxLineLength()}. */
  public StatusLineDecoder(Pop3Limits limits) {
    this.maxLineLength = limits.maxLineLength();
  }

  /**
   * Decodes the next status line.
   *
   * @param in received bytes; the line and its line end are consumed when complete
   * @return the status line, or {@code null} when no complete line has arrived
   * @throws org.mailwire.transport.LimitExceededException when {@code maxLineLength} bytes arrive
   *     without a line end
   * @throws ProtocolException when the line is not {@code +OK}, {@code -ERR} or {@code +}
   */
  @Override
  public StatusLine decode(InputBuffer in) throws ProtocolException {
    int lf = in.findLineEnd(maxLineLength);
    if (lf < 0) {
      return null;
    }
    byte[] a = in.array();
    int start = in.readIndex();
    int end = lf > start && a[lf - 1] == '\r' ? lf - 1 : lf;
    StatusLine line = parse(a, start, end, in.streamOffset(start));
    in.skipTo(lf + 1);
    return line;
  }

  /**
   * Parses a status line without its line end.
   *
   * @param a the bytes
   * @param start the first byte of the line
   * @param end one past its last byte (before CRLF)
   * @param offset the stream offset of {@code a[start]}, for errors ({@code -1} if unknown)
   * @return the parsed line
   * @throws ProtocolException if it is not a status line
   */
  public static StatusLine parse(byte[] a, int start, int end, long offset)
      throws ProtocolException {
    int len = end - start;
    StatusLine.Kind kind;
    int rest;
    if (Ascii.startsWithIgnoreCase(a, start, end, OK) && (len == 3 || a[start + 3] == ' ')) {
      kind = StatusLine.Kind.OK;
      rest = start + 3;
    } else if (Ascii.startsWithIgnoreCase(a, start, end, ERR) && (len == 4 || a[start + 4] == ' ')) {
      kind = StatusLine.Kind.ERR;
      rest = start + 4;
    } else if (len >= 1 && a[start] == '+' && (len == 1 || a[start + 1] == ' ')) {
      kind = StatusLine.Kind.CONTINUATION;
      rest = start + 1;
    } else {
      throw new ProtocolException(
          "expected a POP3 status line (+OK, -ERR or +)", offset, a, start, end);
    }
    if (rest < end) {
      rest++; // the space after the status
    }
    ResponseCode code = null;
    if (kind != StatusLine.Kind.CONTINUATION && rest < end && a[rest] == '[') {
      int close = codeEnd(a, rest + 1, end);
      if (close > rest + 1) {
        code = ResponseCode.of(Ascii.string(a, rest + 1, close - rest - 1));
        rest = close + 1;
        if (rest < end && a[rest] == ' ') {
          rest++;
        }
      }
    }
    String text = rest < end ? new String(a, rest, end - rest, StandardCharsets.UTF_8) : "";
    return new StatusLine(kind, code, text);
  }

  /** Index of the {@code ]} closing a response code that starts at {@code from}, or -1. */
  private static int codeEnd(byte[] a, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = a[i];
      if (b == ']') {
        return i;
      }
      if (b <= ' ' || b == 0x7f || b == '[') {
        return -1;
      }
    }
    return -1;
  }
}

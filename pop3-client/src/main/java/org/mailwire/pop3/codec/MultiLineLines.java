package org.mailwire.pop3.codec;

import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Walks the lines of a small multi-line response (CAPA, LIST, UIDL), consuming each complete line
 * into the subclass's state and reporting the terminator. Lines are bounded by {@code
 * maxLineLength}; a dot-stuffed line is handed on without its stuffing dot.
 */
abstract class MultiLineLines<T> implements org.mailwire.transport.bytes.Decoder<T> {
  private final int maxLineLength;
  private boolean done;

  MultiLineLines(int maxLineLength) {
    this.maxLineLength = maxLineLength;
  }

  /**
   * Consumes every complete line; returns the result once the terminator has been consumed, and
   * {@code null} before that (and after it was returned once).
   */
  @Override
  public final T decode(InputBuffer in) throws ProtocolException {
    if (done) {
      return null;
    }
    while (true) {
      int lf = in.findLineEnd(maxLineLength);
      if (lf < 0) {
        return null;
      }
      byte[] a = in.array();
      int start = in.readIndex();
      int end = lf > start && a[lf - 1] == '\r' ? lf - 1 : lf;
      long offset = in.streamOffset(start);
      if (end > start && a[start] == '.') {
        if (end - start == 1) {
          in.skipTo(lf + 1);
          done = true;
          return result();
        }
        start++; // stuffing dot
      }
      line(a, start, end, offset);
      in.skipTo(lf + 1);
    }
  }

  /** Whether the terminator was consumed and the result returned. */
  public final boolean isDone() {
    return done;
  }

  /** Takes one body line {@code a[start, end)} (no line end, no stuffing dot). */
  abstract void line(byte[] a, int start, int end, long offset) throws ProtocolException;

  /** The value built from every line. */
  abstract T result();
}

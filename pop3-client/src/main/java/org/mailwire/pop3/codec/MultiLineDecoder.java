package org.mailwire.pop3.codec;

import java.util.Arrays;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Streams the body of a POP3 multi-line response (RFC 1939 §3): everything after the {@code +OK}
 * status line up to the line holding a single {@code .}. It removes the dot-stuffing (a leading
 * {@code .} of a body line is dropped, so {@code ..} becomes {@code .}) and finds the terminator
 * while streaming: a body of any size passes through in chunks and is never held whole. Body line
 * ends are passed on unchanged; the terminator may end in CRLF or a bare LF.
 *
 * <p>Three ways to drive it, all over the same state; use one per response:
 *
 * <ul>
 *   <li>{@link #next(InputBuffer)}: zero-copy. Returns the length of the next run of body bytes,
 *       already consumed, found at {@code in.array()[runStart() .. runStart() + n)} and valid until
 *       the buffer is next written to; {@code 0} means more input is needed, {@code -1} that the
 *       terminator was consumed.
 *   <li>{@link #read(InputBuffer, byte[], int, int)}: copies body bytes into the caller's array,
 *       like {@link java.io.InputStream#read(byte[], int, int)}.
 *   <li>{@link #decode(InputBuffer)}: the {@link Decoder} contract, returning {@link
 *       MultiLineEvent.Chunk} copies and one {@link MultiLineEvent.End}.
 * </ul>
 *
 * <p>The decoder allocates nothing after construction except in {@link #decode}. It never
 * consumes a byte it has not delivered, except a stuffing dot. Bytes after the terminator stay in
 * the buffer. A connection that closes before the terminator must be reported by the caller as an
 * incomplete body (see {@link #isDone()}); a body is never complete without its terminator.
 *
 * <pre>{@code
 * MultiLineDecoder body = new MultiLineDecoder();
 * int n;
 * while ((n = body.next(in)) != -1) {
 *   if (n == 0) { if (in.readFrom(transport) < 0) throw new ConnectionClosedException(...); continue; }
 *   sink.write(in.array(), body.runStart(), n);
 * }
 * }</pre>
 */
public final class MultiLineDecoder implements Decoder<MultiLineEvent> {
  private boolean atLineStart = true;
  private boolean done;
  private boolean endReported;
  private int runStart;
  private long bodyBytes;

  /** Returns a decoder positioned at the first byte after a {@code +OK} status line. */
  public MultiLineDecoder() {}

  /** Makes this decoder ready for the next response body; returns {@code this}. */
  public MultiLineDecoder reset() {
    atLineStart = true;
    done = false;
    endReported = false;
    runStart = 0;
    bodyBytes = 0;
    return this;
  }

  /** Returns whether the terminator has been consumed. */
  public boolean isDone() {
    return done;
  }

  /** Returns the number of body bytes delivered so far (after unstuffing). */
  public long bodyBytes() {
    return bodyBytes;
  }

  /** Returns the array index of the run returned by the last positive {@link #next}. */
  public int runStart() {
    return runStart;
  }

  /**
   * Finds and consumes the next run of body bytes.
   *
   * @param in received bytes
   * @return the run length ({@code > 0}, bytes at {@code in.array()[runStart() ..]}), {@code 0}
   *     when more input is needed, or {@code -1} once the terminator has been consumed
   */
  public int next(InputBuffer in) {
    return next(in, Integer.MAX_VALUE);
  }

  /**
   * Copies up to {@code len} body bytes into {@code dst[off ..]}.
   *
   * @return the number copied ({@code > 0}), {@code 0} when more input is needed (or {@code len}
   *     is 0), or {@code -1} once the terminator has been consumed
   */
  public int read(InputBuffer in, byte[] dst, int off, int len) {
    if (len == 0) {
      return done ? -1 : 0;
    }
    int n = next(in, len);
    if (n > 0) {
      System.arraycopy(in.array(), runStart, dst, off, n);
    }
    return n;
  }

  /**
   * Returns the next body chunk (a copy), then {@link MultiLineEvent.End} once, then {@code null}.
   *
   * @return a chunk, the end, or {@code null} when more input is needed or the end was returned
   */
  @Override
  public MultiLineEvent decode(InputBuffer in) {
    if (endReported) {
      return null;
    }
    int n = next(in, Integer.MAX_VALUE);
    if (n > 0) {
      return new MultiLineEvent.Chunk(Arrays.copyOfRange(in.array(), runStart, runStart + n));
    }
    if (n < 0) {
      endReported = true;
      return MultiLineEvent.End.INSTANCE;
    }
    return null;
  }

  private int next(InputBuffer in, int max) {
    if (done) {
      return -1;
    }
    byte[] a = in.array();
    int r = in.readIndex();
    int w = in.writeIndex();
    if (r == w) {
      return 0;
    }
    if (atLineStart && a[r] == '.') {
      if (w - r < 2) {
        return 0;
      }
      byte b1 = a[r + 1];
      if (b1 == '\n') {
        in.skip(2);
        done = true;
        return -1;
      }
      if (b1 == '\r') {
        if (w - r < 3) {
          return 0;
        }
        if (a[r + 2] == '\n') {
          in.skip(3);
          done = true;
          return -1;
        }
      }
      in.skip(1); // the stuffing dot
      r++;
      atLineStart = false;
    }
    int limit = (int) Math.min(w, (long) r + max);
    int i = r;
    while (true) {
      int lf = indexOfLf(a, i, limit);
      if (lf < 0) {
        i = limit;
        atLineStart = false;
        break;
      }
      i = lf + 1;
      if (i == limit || a[i] == '.') {
        atLineStart = true;
        break;
      }
    }
    int n = i - r;
    runStart = r;
    in.skip(n);
    bodyBytes += n;
    return n;
  }

  private static int indexOfLf(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}

package org.mailwire.pop3;

import java.io.IOException;
import java.io.InputStream;
import org.mailwire.pop3.internal.Connection;

/**
 * The body of one RETR or TOP reply, read through the connection as the caller reads: never
 * buffered whole. It returns {@code -1} only after the terminating {@code .} line; if the
 * connection closes first, reads throw {@link org.mailwire.transport.ConnectionClosedException}.
 * {@link #close()} skips what is left so the connection can carry the next reply.
 */
final class MessageStream extends InputStream {
  private final Connection conn;
  private final byte[] one = new byte[1];
  private boolean ended;
  private boolean closed;
  private boolean completeByReads;

  MessageStream(Connection conn) {
    this.conn = conn;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("message stream is closed");
    }
    if (ended) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n = conn.readBody(b, off, len);
    if (n < 0) {
      ended = true;
      completeByReads = true;
    }
    return n;
  }

  /** Returns whether the reader itself reached the end of the message (the terminator). */
  boolean completeByReads() {
    return completeByReads;
  }

  /** Returns whether the body was consumed to its terminator (by reads or by close). */
  boolean ended() {
    return ended;
  }

  /** Skips the rest of the message, so the connection is ready for the next reply. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!ended && !conn.isClosed()) {
      conn.skipBody();
      ended = true;
    }
  }
}

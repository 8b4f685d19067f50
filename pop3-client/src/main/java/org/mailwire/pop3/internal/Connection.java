package org.mailwire.pop3.internal;

import java.io.IOException;
import org.mailwire.pop3.codec.CapaDecoder;
import org.mailwire.pop3.codec.Capabilities;
import org.mailwire.pop3.codec.MultiLineDecoder;
import org.mailwire.pop3.codec.Pop3Command;
import org.mailwire.pop3.codec.Pop3Limits;
import org.mailwire.pop3.codec.Pop3Session;
import org.mailwire.pop3.codec.Pop3State;
import org.mailwire.pop3.codec.StatusLine;
import org.mailwire.pop3.codec.StatusLineDecoder;
import org.mailwire.transport.CommandException;
import org.mailwire.transport.ConnectionClosedException;
import org.mailwire.transport.MailwireException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Drives the POP3 codec and session over a blocking {@link Transport}: writes commands (traced,
 * redacted), reads status lines and multi-line bodies, and closes the connection on any protocol
 * or I/O failure, leaving the session {@link Pop3State#FAILED}.
 */
public final class Connection {
  private final Transport transport;
  private final WireTrace trace;
  private final Pop3Limits limits;
  private final InputBuffer in;
  private final StatusLineDecoder statusDecoder;
  private final MultiLineDecoder body = new MultiLineDecoder();
  private final Pop3Session session;
  private boolean closed;

  /**
   * @param transport the connected transport
   * @param trace the wire trace
   * @param limits decoder limits
   */
  public Connection(Transport transport, WireTrace trace, Pop3Limits limits) {
    this.transport = transport;
    this.trace = trace;
    this.limits = limits;
    this.in = new InputBuffer(8192, limits.maxLineLength() + 64 * 1024);
    this.statusDecoder = new StatusLineDecoder(limits);
    this.session = new Pop3Session(transport.isSecure());
  }

  /** Returns the session state machine. */
  public Pop3Session session() {
    return session;
  }

  /** Returns the transport. */
  public Transport transport() {
    return transport;
  }

  /** Returns the wire trace. */
  public WireTrace trace() {
    return trace;
  }

  /** Returns whether the connection was closed. */
  public boolean isClosed() {
    return closed;
  }

  /** Records {@code c} in the session and queues it for writing (traced with its redactor). */
  public void send(Pop3Command c) throws IOException {
    ensureOpen();
    byte[] b = session.send(c);
    trace.client(b, 0, b.length, c.redactor());
    try {
      transport.write(b, 0, b.length);
    } catch (IOException e) {
      throw broken(e);
    }
  }

  /** Sends everything queued. */
  public void flush() throws IOException {
    ensureOpen();
    try {
      transport.flush();
    } catch (IOException e) {
      throw broken(e);
    }
  }

  /** Reads the next status line and matches it in the session. */
  public Pop3Session.Reply readReply() throws IOException {
    ensureOpen();
    try {
      StatusLine s;
      while (true) {
        int r = in.readIndex();
        long before = in.consumed();
        s = statusDecoder.decode(in);
        if (s != null) {
          trace.server(in.array(), r, (int) (in.consumed() - before));
          break;
        }
        fill("a status line");
      }
      return session.onStatus(s);
    } catch (IOException e) {
      throw broken(e);
    }
  }

  /**
   * Reads a reply and returns it when it is {@code +OK}.
   *
   * @throws CommandException for {@code -ERR} (the connection stays usable)
   * @throws ProtocolException for a continuation
   */
  public Pop3Session.Reply expectOk() throws IOException {
    Pop3Session.Reply r = readReply();
    if (r.status().isErr()) {
      throw refusal(r);
    }
    if (r.status().isContinuation()) {
      throw broken(new ProtocolException("unexpected SASL continuation: " + r.status()));
    }
    return r;
  }

  /** Builds the {@link CommandException} for a {@code -ERR} reply. */
  public static CommandException refusal(Pop3Session.Reply r) {
    StatusLine s = r.status();
    String what = r.command() == null ? "connection" : r.command().toString();
    return new CommandException(
        what, "-ERR", s.code() == null ? null : s.code().value(), s.text(),
        s.code() != null && s.code().isTransient());
  }

  /** Decodes the body of a CAPA reply (after its +OK) and records it in the session. */
  public Capabilities readCapabilities() throws IOException {
    Capabilities c = readLines(new CapaDecoder(limits));
    session.onCapabilities(c);
    return c;
  }

  /** Decodes a multi-line listing body (after its +OK) with {@code decoder}. */
  public <T> T readLines(Decoder<T> decoder) throws IOException {
    ensureOpen();
    try {
      while (true) {
        int r = in.readIndex();
        long before = in.consumed();
        T v = decoder.decode(in);
        int n = (int) (in.consumed() - before);
        if (n > 0) {
          trace.server(in.array(), r, n);
        }
        if (v != null) {
          session.onBodyEnd();
          return v;
        }
        fill("the end of a multi-line response");
      }
    } catch (IOException e) {
      throw broken(e);
    }
  }

  /** Makes the body decoder ready for the body announced by the last reply. */
  public void beginBody() {
    body.reset();
  }

  /**
   * Reads body bytes of the current multi-line reply into {@code dst}, refilling from the
   * transport as needed.
   *
   * @return bytes copied ({@code > 0}), or {@code -1} when the terminator was consumed (the body
   *     is then complete and traced by size)
   * @throws ConnectionClosedException if the connection closes before the terminator
   */
  public int readBody(byte[] dst, int off, int len) throws IOException {
    ensureOpen();
    if (len == 0) {
      return body.isDone() ? -1 : 0;
    }
    try {
      while (true) {
        int n = body.read(in, dst, off, len);
        if (n > 0) {
          return n;
        }
        if (n < 0) {
          endBody();
          return -1;
        }
        fill("the end of a message body");
      }
    } catch (IOException e) {
      throw broken(e);
    }
  }

  /**
   * Consumes the rest of the current body without copying.
   *
   * @return the number of body bytes skipped
   */
  public long skipBody() throws IOException {
    ensureOpen();
    long skipped = 0;
    try {
      while (true) {
        int n = body.next(in);
        if (n > 0) {
          skipped += n;
        } else if (n < 0) {
          endBody();
          return skipped;
        } else {
          fill("the end of a message body");
        }
      }
    } catch (IOException e) {
      throw broken(e);
    }
  }

  private void endBody() {
    if (session.isInBody()) {
      session.onBodyEnd();
      trace.serverBody(body.bodyBytes());
    }
  }

  /** Returns whether the current body's terminator has been consumed. */
  public boolean bodyDone() {
    return body.isDone();
  }

  /** Drops buffered bytes (before a TLS handshake), then upgrades the transport. */
  public void startTls() throws IOException {
    ensureOpen();
    int dropped = in.discard();
    if (dropped > 0) {
      trace.note("discarded " + dropped + " bytes received before the TLS handshake");
    }
    try {
      transport.startTls();
    } catch (IOException e) {
      throw broken(e);
    }
    session.onTlsStarted();
    trace.note("TLS established" + transport.tlsInfo().map(i -> ": " + i.protocol() + " " + i.cipherSuite()).orElse(""));
  }

  private void fill(String waitingFor) throws IOException {
    int n = in.readFrom(transport);
    if (n < 0) {
      throw new ConnectionClosedException("server closed the connection while the client waited for " + waitingFor, in.consumed() + in.readable());
    }
  }

  /** Closes the connection and marks the session failed; returns {@code e} for throwing. */
  public IOException broken(IOException e) {
    if (!(e instanceof CommandException)) {
      session.fail();
      closeTransport();
    }
    return e;
  }

  /** Closes the connection; the session records it. */
  public void close() {
    session.onClosed();
    closeTransport();
  }

  private void closeTransport() {
    if (!closed) {
      closed = true;
      transport.close();
    }
  }

  private void ensureOpen() throws MailwireException {
    if (closed) {
      throw new TransportException("the POP3 connection is closed (state " + session.state() + ")");
    }
  }
}

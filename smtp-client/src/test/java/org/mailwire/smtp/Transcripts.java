package org.mailwire.smtp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailwire.transport.Security;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.ScriptedTransport;

/** Shared pieces of the transcript tests. */
final class Transcripts {
  private Transcripts() {}

  static final String GREETING = "S: 220 mx.example.com ESMTP\n";

  static final String EHLO_PIPELINING =
      GREETING
          + "C: EHLO client.example\n"
          + "S: 250-mx.example.com\n"
          + "S: 250-PIPELINING\n"
          + "S: 250-SIZE 10240000\n"
          + "S: 250-8BITMIME\n"
          + "S: 250-DSN\n"
          + "S: 250-SMTPUTF8\n"
          + "S: 250 ENHANCEDSTATUSCODES\n";

  static final String EHLO_PLAIN =
      GREETING + "C: EHLO client.example\n" + "S: 250-mx.example.com\n" + "S: 250 8BITMIME\n";

  static final String EHLO_CHUNKING =
      GREETING
          + "C: EHLO client.example\n"
          + "S: 250-mx.example.com\n"
          + "S: 250-PIPELINING\n"
          + "S: 250-CHUNKING\n"
          + "S: 250-BINARYMIME\n"
          + "S: 250 8BITMIME\n";

  static final String QUIT = "C: QUIT\nS: 221 2.0.0 Bye\n";

  /** A client's trace lines, and options with it. */
  static final class Trace {
    final List<String> lines = new ArrayList<>();

    SmtpOptions options() {
      return SmtpOptions.defaults()
          .withClientDomain("client.example")
          .withTrace(WireTrace.to(lines::add))
          .withTimeouts(SmtpTimeouts.uniform(Duration.ofSeconds(5)));
    }
  }

  static SmtpOptions options() {
    return new Trace().options();
  }

  static SmtpClient open(ScriptedTransport t) throws Exception {
    return SmtpClient.open(t, Security.PLAIN, options());
  }

  static SmtpClient open(ScriptedTransport t, SmtpOptions o) throws Exception {
    return SmtpClient.open(t, Security.PLAIN, o);
  }

  static InputStream message(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static Envelope to(String... rcpts) {
    return Envelope.builder("a@x.example").to(rcpts).build();
  }

  /** Delegates to a scripted transport and fails every write after {@code limit} bytes. */
  static final class BreakingTransport implements Transport {
    final Transport inner;
    final long limit;
    long written;
    boolean closed;

    BreakingTransport(Transport inner, long limit) {
      this.inner = inner;
      this.limit = limit;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws TransportException {
      return inner.read(dst, off, len);
    }

    @Override
    public void write(byte[] src, int off, int len) throws TransportException {
      written += len;
      if (written > limit) {
        throw new TransportException("write failed: Connection reset by peer");
      }
      inner.write(src, off, len);
    }

    @Override
    public void flush() throws TransportException {
      inner.flush();
    }

    @Override
    public void startTls() throws TransportException {
      inner.startTls();
    }

    @Override
    public boolean isSecure() {
      return inner.isSecure();
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
      return inner.tlsInfo();
    }

    @Override
    public void close() {
      closed = true;
      inner.close();
    }
  }
}

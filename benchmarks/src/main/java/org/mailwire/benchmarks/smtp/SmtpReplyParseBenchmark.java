package org.mailwire.benchmarks.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.apache.commons.net.smtp.SMTP;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.mailwire.smtp.codec.Reply;
import org.mailwire.smtp.codec.ReplyDecoder;
import org.mailwire.smtp.codec.ReplyView;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SMTP reply parsing on the same bytes: Postfix's 12-line EHLO reply ({@code ehlo}) and a one-line
 * final reply ({@code queued}). Each library reads one reply per operation from its own buffered
 * reader over an endless in-memory stream of that reply, as it would from a socket.
 *
 * <ul>
 *   <li>{@code mailwireView}: {@link ReplyDecoder#decode(InputBuffer, ReplyView)} after the bytes are
 *       written into a reused {@link InputBuffer}: code, enhanced code and line ranges, no
 *       strings;
 *   <li>{@code mailwireReply}: the same, then {@link ReplyView#toReply()} (a {@code String} per
 *       line, like the others build);
 *   <li>{@code angusReadServerResponse}: Angus Mail 2.0.5 {@code SMTPTransport.readServerResponse()}
 *       (protected; called through a subclass) over its own {@code LineInputStream}, as after
 *       {@code connect(Socket)} with an in-memory socket;
 *   <li>{@code commonsNetGetReply}: Commons Net 3.13 {@code SMTP.getReply()} (reply code and lines
 *       as strings; Commons Net has no EHLO capability parser) over a connection made through a
 *       socket factory returning the in-memory socket.
 * </ul>
 *
 * EHLO capability parsing is measured in {@link SmtpEhloBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmtpReplyParseBenchmark {
  static final String GREETING = "220 localhost ESMTP mailwire-rig\r\n";
  static final String EHLO =
      "250-localhost\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
          + "250-STARTTLS\r\n250-AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\n"
          + "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n";
  static final String QUEUED = "250 2.0.0 Ok: queued as 4Xy7s02Yx5zT\r\n";

  /** Which reply. */
  @Param({"ehlo", "queued"})
  public String reply;

  private byte[] bytes;
  private final InputBuffer in = new InputBuffer(4096, 64 * 1024);
  private final ReplyDecoder decoder = new ReplyDecoder();
  private final ReplyView view = new ReplyView();
  private AngusTransport angus;
  private SMTP commonsNet;

  /** An Angus transport whose protected reply methods the benchmark may call. */
  static final class AngusTransport extends SMTPTransport {
    AngusTransport(Session session) {
      super(session, new URLName("smtp://localhost"), "smtp", false);
    }

    int readReply() throws jakarta.mail.MessagingException {
      return readServerResponse();
    }

    boolean sendEhlo() throws jakarta.mail.MessagingException {
      return ehlo("client");
    }

    boolean offers(String ext) {
      return supportsExtension(ext);
    }
  }

  /** Connects Angus and Commons Net to endless in-memory streams of the reply. */
  @Setup
  public void setup() throws Exception {
    bytes = (reply.equals("ehlo") ? EHLO : QUEUED).getBytes(StandardCharsets.US_ASCII);
    byte[] unit = bytes;

    Properties p = new Properties();
    p.setProperty("mail.smtp.localhost", "client");
    // Angus reads the greeting and answers an EHLO while connecting: give it both first.
    byte[] angusPrefix = (GREETING + EHLO).getBytes(StandardCharsets.US_ASCII);
    angus = new AngusTransport(Session.getInstance(p));
    angus.connect(new InMemorySocket(new InMemorySocket.Repeating(angusPrefix, unit), new InMemorySocket.Sink()));

    commonsNet = new SMTP();
    InMemorySocket cnSocket =
        new InMemorySocket(
            new InMemorySocket.Repeating(GREETING.getBytes(StandardCharsets.US_ASCII), unit),
            new InMemorySocket.Sink());
    commonsNet.setSocketFactory(
        new javax.net.SocketFactory() {
          @Override
          public java.net.Socket createSocket() {
            return cnSocket;
          }

          @Override
          public java.net.Socket createSocket(String h, int port) {
            return cnSocket;
          }

          @Override
          public java.net.Socket createSocket(String h, int port, java.net.InetAddress l, int lp) {
            return cnSocket;
          }

          @Override
          public java.net.Socket createSocket(java.net.InetAddress h, int port) {
            return cnSocket;
          }

          @Override
          public java.net.Socket createSocket(java.net.InetAddress h, int port, java.net.InetAddress l, int lp) {
            return cnSocket;
          }
        });
    commonsNet.connect(java.net.InetAddress.getLoopbackAddress(), 25);

    if (mailwireView() != 250 + (reply.equals("ehlo") ? 12 : 1)
        || angusReadServerResponse() != 250
        || commonsNetGetReply() != 250
        || commonsNet.getReplyStrings().length != (reply.equals("ehlo") ? 12 : 1)) {
      throw new IllegalStateException("parsers disagree");
    }
  }

  private void feed() {
    try {
      in.write(bytes);
    } catch (LimitExceededException e) {
      throw new IllegalStateException(e);
    }
  }

  /** mailwire: code and line views, no allocation. Returns code + line count. */
  @Benchmark
  public int mailwireView() throws ProtocolException {
    feed();
    if (!decoder.decode(in, view)) {
      throw new IllegalStateException("incomplete");
    }
    return view.code() + view.lineCount();
  }

  /** mailwire: the reply as an immutable {@link Reply} with a String per line. */
  @Benchmark
  public Reply mailwireReply() throws ProtocolException {
    feed();
    return decoder.decode(in);
  }

  /** Angus Mail: readServerResponse() (code + the reply kept as one String). */
  @Benchmark
  public int angusReadServerResponse() throws Exception {
    return angus.readReply();
  }

  /** Commons Net: SMTP.getReply() (code + a String per line). */
  @Benchmark
  public int commonsNetGetReply() throws Exception {
    return commonsNet.getReply();
  }
}

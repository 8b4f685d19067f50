package org.mailwire.benchmarks.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import jakarta.mail.Session;
import org.mailwire.smtp.codec.Capabilities;
import org.mailwire.smtp.codec.CommandEncoder;
import org.mailwire.smtp.codec.Extension;
import org.mailwire.smtp.codec.ReplyDecoder;
import org.mailwire.smtp.codec.ReplyView;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The EHLO exchange without a network, on Postfix's 12-line EHLO reply: what Angus Mail's {@code
 * SMTPTransport.ehlo(String)} does, side by side.
 *
 * <ul>
 *   <li>{@code mailwireEhlo}: encode {@code EHLO client} (written to a counting sink), decode the
 *       reply from a reused {@link InputBuffer}, parse it into {@link Capabilities}.
 *   <li>{@code angusEhlo}: Angus Mail 2.0.5 {@code ehlo("client")} (protected; called through a
 *       subclass): writes the command, reads the reply with {@code readServerResponse()} and fills
 *       its extension map. Angus has no EHLO parser usable without a connected transport, so the
 *       transport is connected with {@code connect(Socket)} to an in-memory socket that serves the
 *       same reply endlessly. Commons Net has no EHLO capability parser at all.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmtpEhloBenchmark {
  private final byte[] bytes = SmtpReplyParseBenchmark.EHLO.getBytes(StandardCharsets.US_ASCII);
  private final InputBuffer in = new InputBuffer(4096, 64 * 1024);
  private final ReplyDecoder decoder = new ReplyDecoder();
  private final ReplyView view = new ReplyView();
  private final CommandEncoder encoder = new CommandEncoder();
  private final InMemorySocket.Sink sink = new InMemorySocket.Sink();
  private SmtpReplyParseBenchmark.AngusTransport angus;

  /** Connects Angus to the endless EHLO stream; checks both see the same extensions. */
  @Setup
  public void setup() throws Exception {
    Properties p = new Properties();
    p.setProperty("mail.smtp.localhost", "client");
    byte[] prefix = (SmtpReplyParseBenchmark.GREETING + SmtpReplyParseBenchmark.EHLO).getBytes(StandardCharsets.US_ASCII);
    angus = new SmtpReplyParseBenchmark.AngusTransport(Session.getInstance(p));
    angus.connect(new InMemorySocket(new InMemorySocket.Repeating(prefix, bytes), new InMemorySocket.Sink()));
    Capabilities c = mailwireEhlo();
    if (!angusEhlo()
        || !c.has(Extension.CHUNKING) || !angus.offers("CHUNKING")
        || c.sizeLimit() != 10240000 || !"10240000".equals(angus.getExtensionParameter("SIZE"))) {
      throw new IllegalStateException("parsers disagree");
    }
  }

  /** mailwire: EHLO out, reply decoded, capabilities parsed. */
  @Benchmark
  public Capabilities mailwireEhlo() throws ProtocolException {
    encoder.clear();
    encoder.ehlo("client");
    sink.write(encoder.array(), 0, encoder.length());
    try {
      in.write(bytes);
    } catch (LimitExceededException e) {
      throw new IllegalStateException(e);
    }
    if (!decoder.decode(in, view)) {
      throw new IllegalStateException("incomplete");
    }
    return Capabilities.parse(view);
  }

  /** Angus Mail: ehlo("client"). */
  @Benchmark
  public boolean angusEhlo() throws Exception {
    return angus.sendEhlo();
  }
}

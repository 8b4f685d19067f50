package org.mailwire.benchmarks.smtp;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.io.DotTerminatedMessageWriter;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.mailwire.smtp.codec.DataEncoder;
import org.mailwire.smtp.codec.LineEndings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * DATA encoding (dot-stuffing, CRLF line ends, the {@code CRLF.CRLF} terminator) of a 64 KiB and a
 * 1 MiB text message into a counting sink, fed in 64 KiB pieces as a client reads its source:
 *
 * <ul>
 *   <li>{@code mailwireEncode}: {@link DataEncoder} (bare CR/LF converted) into a reused output
 *       array, each piece then written to the sink;
 *   <li>{@code angusSmtpOutputStream}: Angus Mail 2.0.5 {@code SMTPOutputStream} (what its
 *       SMTPTransport writes DATA through) over the sink, then {@code ensureAtBOL()} and the
 *       terminator written past the stream, as its {@code finishData()} does;
 *   <li>{@code commonsNetWriter}: Commons Net 3.13 {@code DotTerminatedMessageWriter} over a
 *       {@code BufferedWriter}/{@code OutputStreamWriter} (ISO-8859-1) on the sink, as its
 *       SMTPClient.sendMessageData() returns it; it takes chars, so the message is given as the
 *       ISO-8859-1 chars of the same bytes (decoding them is not timed).
 * </ul>
 *
 * MB/s = ops/s × the message size. All three produce the same byte count (checked in setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmtpDotStuffingBenchmark {
  private static final int PIECE = 64 * 1024;

  /** Message size in KiB. */
  @Param({"64", "1024"})
  public int sizeKiB;

  private byte[] message;
  private char[] chars;
  private final byte[] out = new byte[DataEncoder.maxEncodedLength(PIECE)];
  private final InMemorySocket.Sink sink = new InMemorySocket.Sink();

  /** Builds a text message with some lines starting with a dot. */
  @Setup
  public void setup() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("From: a@example.com\r\nTo: b@example.org\r\nSubject: benchmark\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] text = "The quick brown fox jumps over the lazy dog; 0123456789 abcdefghijklmnopq\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    int line = 0;
    while (b.size() < sizeKiB * 1024) {
      if (line++ % 50 == 0) {
        b.write('.');
      }
      b.writeBytes(text);
    }
    message = b.toByteArray();
    chars = new String(message, StandardCharsets.ISO_8859_1).toCharArray();
    long m = mailwireEncode();
    long a = angusSmtpOutputStream();
    long c = commonsNetWriter();
    if (m != a || a != c) {
      throw new IllegalStateException("encoders disagree: " + m + " " + a + " " + c);
    }
  }

  /** mailwire DataEncoder. Returns the bytes produced. */
  @Benchmark
  public long mailwireEncode() {
    long before = sink.count;
    DataEncoder enc = DataEncoder.forData(LineEndings.CONVERT_TO_CRLF);
    for (int off = 0; off < message.length; off += PIECE) {
      int n = enc.encode(message, off, Math.min(PIECE, message.length - off), out, 0);
      sink.write(out, 0, n);
    }
    sink.write(out, 0, enc.finish(out, 0));
    return sink.count - before;
  }

  /** Angus Mail SMTPOutputStream. Returns the bytes produced. */
  @Benchmark
  public long angusSmtpOutputStream() throws IOException {
    long before = sink.count;
    SMTPOutputStream s = new SMTPOutputStream(sink);
    for (int off = 0; off < message.length; off += PIECE) {
      s.write(message, off, Math.min(PIECE, message.length - off));
    }
    s.ensureAtBOL();
    s.flush();
    sink.write(TERMINATOR, 0, 3); // Angus sends "." as a command, past the stuffing stream
    return sink.count - before;
  }

  private static final byte[] TERMINATOR = {'.', '\r', '\n'};

  /** Commons Net DotTerminatedMessageWriter. Returns the bytes produced. */
  @Benchmark
  public long commonsNetWriter() throws IOException {
    long before = sink.count;
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.ISO_8859_1));
    DotTerminatedMessageWriter d = new DotTerminatedMessageWriter(w);
    for (int off = 0; off < chars.length; off += PIECE) {
      d.write(chars, off, Math.min(PIECE, chars.length - off));
    }
    d.close(); // writes the terminator and flushes
    return sink.count - before;
  }
}

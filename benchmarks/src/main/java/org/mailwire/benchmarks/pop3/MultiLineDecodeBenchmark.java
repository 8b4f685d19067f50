package org.mailwire.benchmarks.pop3;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.io.DotTerminatedMessageReader;
import org.mailwire.pop3.codec.MultiLineDecoder;
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
 * POP3 multi-line decode ({@code RETR} body: find the terminator, remove dot-stuffing) of a 1 MiB
 * and a 10 MiB message, on the same wire bytes:
 *
 * <ul>
 *   <li>{@code mailwireRead}: {@link MultiLineDecoder#read} into an 8 KiB {@code byte[]}, the wire
 *       fed into a reused {@link InputBuffer} in 16 KiB pieces as a socket would deliver them;
 *   <li>{@code mailwireZeroCopy}: the same with {@link MultiLineDecoder#next} (views, no copy out);
 *   <li>{@code commonsNet}: Commons Net's {@code DotTerminatedMessageReader} (what its POP3 client
 *       uses) over a {@code BufferedReader}/{@code InputStreamReader} (ISO-8859-1), read into an 8 KiB
 *       {@code char[]};
 *   <li>{@code crlfScanCeiling}: counting CRLFs in the wire array directly, no buffer, no
 *       unstuffing: an upper bound for any decoder that looks at every byte.
 * </ul>
 *
 * Each op returns the body bytes/chars it produced, so nothing is optimised away. MB/s = ops/s ×
 * the message size; allocation per op with {@code -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MultiLineDecodeBenchmark {
  private static final int SOCKET_READ = 16 * 1024;

  /** Message size in MiB. */
  @Param({"1", "10"})
  public int sizeMiB;

  private byte[] wire;
  private long expectedBody;
  private InputBuffer in;
  private final MultiLineDecoder decoder = new MultiLineDecoder();
  private final byte[] dst = new byte[8192];
  private final char[] cdst = new char[8192];

  /** Builds a text message with stuffed lines and its wire form. */
  @Setup
  public void setup() throws IOException {
    wire = wire(sizeMiB * 1024 * 1024);
    in = new InputBuffer(64 * 1024, 128 * 1024);
    expectedBody = mailwireRead();
    if (expectedBody != commonsNet() || mailwireZeroCopy() != expectedBody || crlfScanCeiling() <= 0) {
      throw new IllegalStateException("decoders disagree on the body size");
    }
  }

  /** A message of about {@code size} bytes: 76-column text lines, every 50th starting with a dot. */
  static byte[] wire(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + size / 50 + 16);
    out.writeBytes("From: a@example.com\r\nSubject: benchmark\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] text = "The quick brown fox jumps over the lazy dog; 0123456789 abcdefghijklmnopq\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    int line = 0;
    while (out.size() < size) {
      if (line++ % 50 == 0) {
        out.write('.'); // stuffing dot of a body line that starts with '.'
        out.write('.');
      }
      out.writeBytes(text);
    }
    out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** mailwire, copying body bytes out. */
  @Benchmark
  public long mailwireRead() {
    MultiLineDecoder d = decoder.reset();
    InputBuffer b = in;
    long total = 0;
    int off = 0;
    while (true) {
      int n = d.read(b, dst, 0, dst.length);
      if (n > 0) {
        total += n;
      } else if (n < 0) {
        return total;
      } else {
        int len = Math.min(SOCKET_READ, wire.length - off);
        write(b, off, len);
        off += len;
      }
    }
  }

  /** mailwire, zero-copy views into the buffer. */
  @Benchmark
  public long mailwireZeroCopy() {
    MultiLineDecoder d = decoder.reset();
    InputBuffer b = in;
    long total = 0;
    int off = 0;
    while (true) {
      int n = d.next(b);
      if (n > 0) {
        total += n;
        lastByte ^= b.array()[d.runStart() + n - 1]; // touch each view so it is not skipped
      } else if (n < 0) {
        return total;
      } else {
        int len = Math.min(SOCKET_READ, wire.length - off);
        write(b, off, len);
        off += len;
      }
    }
  }

  /** Written by the zero-copy benchmark so its views are used. */
  public byte lastByte;

  /** Commons Net 3.x DotTerminatedMessageReader, as its POP3Client.retrieveMessage returns. */
  @Benchmark
  public long commonsNet() throws IOException {
    long total = 0;
    try (DotTerminatedMessageReader r = new DotTerminatedMessageReader(
        new BufferedReader(new InputStreamReader(new ByteArrayInputStream(wire), StandardCharsets.ISO_8859_1)))) {
      int n;
      while ((n = r.read(cdst, 0, cdst.length)) != -1) {
        total += n;
      }
    }
    return total;
  }

  /** The ceiling: count CRLFs in the wire bytes, nothing else. */
  @Benchmark
  public long crlfScanCeiling() {
    byte[] a = wire;
    long lines = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] == '\n' && a[i - 1] == '\r') {
        lines++;
      }
    }
    return lines;
  }

  private void write(InputBuffer b, int off, int len) {
    try {
      b.write(wire, off, len);
    } catch (org.mailwire.transport.LimitExceededException e) {
      throw new IllegalStateException(e);
    }
  }
}

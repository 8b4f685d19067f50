package org.mailwire.benchmarks.transport;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.io.CRLFLineReader;
import org.eclipse.angus.mail.util.LineInputStream;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.bytes.InputBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Splitting a server stream into CRLF lines, the first step of every text protocol decoder. Each
 * operation reads the same bytes (a mail-like corpus of {@code size} bytes, lines of 1 to 998
 * bytes) from memory in 16 KiB reads, as from a socket:
 *
 * <ul>
 *   <li>{@code ceilingRawLfScan}: a plain loop counting LF bytes in the array, no copy: the
 *       ceiling;
 *   <li>{@code mailwireLines}: {@link InputBuffer#readFrom} + {@link InputBuffer#findLineEnd},
 *       lines as views (offset, length), no String;
 *   <li>{@code mailwireLinesAsStrings}: the same, then a String per line, to compare like for
 *       like with the APIs below that can only return Strings;
 *   <li>{@code angusLineInputStream}: Angus Mail's {@code LineInputStream.readLine()} (used by its
 *       POP3 and SMTP providers);
 *   <li>{@code commonsNetCrlfLineReader}: Commons Net's {@code CRLFLineReader.readLine()} (used by
 *       its POP3 and SMTP clients).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineScanBenchmark {
  @Param({"1048576"})
  public int size;

  private byte[] data;

  @Setup
  public void setup() {
    data = corpus(size);
  }

  /** Mail-like lines: mostly 40-78 bytes, some short, one in 64 near the 998-byte limit. */
  static byte[] corpus(int size) {
    byte[] out = new byte[size];
    java.util.Random r = new java.util.Random(42);
    int i = 0;
    int n = 0;
    while (i < size) {
      int len = (n++ % 64 == 63) ? 990 : (r.nextInt(8) == 0 ? r.nextInt(10) : 40 + r.nextInt(39));
      for (int k = 0; k < len && i < size - 2; k++) {
        out[i++] = (byte) ('a' + r.nextInt(26));
      }
      if (i >= size - 2) {
        while (i < size) {
          out[i++] = (i == size - 1) ? (byte) '\n' : (byte) '\r';
        }
        break;
      }
      out[i++] = '\r';
      out[i++] = '\n';
    }
    return out;
  }

  /** An in-memory {@link Transport} that serves {@code data} in reads of at most 16 KiB. */
  static final class MemoryTransport implements Transport {
    private final byte[] data;
    private int pos;

    MemoryTransport(byte[] data) {
      this.data = data;
    }

    @Override
    public int read(byte[] dst, int off, int len) {
      if (pos == data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 16 * 1024), data.length - pos);
      System.arraycopy(data, pos, dst, off, n);
      pos += n;
      return n;
    }

    @Override
    public void write(byte[] src, int off, int len) {}

    @Override
    public void flush() {}

    @Override
    public void startTls() {}

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
      return Optional.empty();
    }

    @Override
    public void close() {}
  }

  @Benchmark
  public int ceilingRawLfScan() {
    byte[] d = data;
    int lines = 0;
    for (int i = 0; i < d.length; i++) {
      if (d[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }

  @Benchmark
  public long mailwireLines() throws IOException {
    MemoryTransport t = new MemoryTransport(data);
    InputBuffer in = new InputBuffer(32 * 1024, 64 * 1024);
    long sum = 0;
    while (true) {
      int lf = in.findLineEnd(1000);
      if (lf < 0) {
        if (in.readFrom(t) < 0) {
          break;
        }
        continue;
      }
      sum += lf - in.readIndex();
      in.skipTo(lf + 1);
    }
    return sum;
  }

  @Benchmark
  public void mailwireLinesAsStrings(Blackhole bh) throws IOException {
    MemoryTransport t = new MemoryTransport(data);
    InputBuffer in = new InputBuffer(32 * 1024, 64 * 1024);
    while (true) {
      int lf = in.findLineEnd(1000);
      if (lf < 0) {
        if (in.readFrom(t) < 0) {
          break;
        }
        continue;
      }
      bh.consume(new String(in.array(), in.readIndex(), lf - 1 - in.readIndex(), StandardCharsets.ISO_8859_1));
      in.skipTo(lf + 1);
    }
  }

  @Benchmark
  public void angusLineInputStream(Blackhole bh) throws IOException {
    LineInputStream lis = new LineInputStream(new ByteArrayInputStream(data));
    String line;
    while ((line = lis.readLine()) != null) {
      bh.consume(line);
    }
  }

  @Benchmark
  public void commonsNetCrlfLineReader(Blackhole bh) throws IOException {
    BufferedReader r =
        new CRLFLineReader(new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.ISO_8859_1));
    String line;
    while ((line = r.readLine()) != null) {
      bh.consume(line);
    }
  }
}

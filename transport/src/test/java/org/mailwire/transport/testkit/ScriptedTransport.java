package org.mailwire.transport.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;
import org.mailwire.transport.internal.Excerpt;

/**
 * An in-memory {@link Transport} that replays an {@code S:}/{@code C:} transcript and fails on any
 * client byte the transcript does not expect.
 *
 * <p>Transcript lines:
 *
 * <ul>
 *   <li>{@code S: text} the server sends {@code text} followed by CRLF;
 *   <li>{@code S~ text} the server sends {@code text} with no line end added;
 *   <li>{@code C: text} the client must send exactly {@code text} followed by CRLF;
 *   <li>{@code C~ text} the client must send exactly {@code text}, no line end added;
 *   <li>{@code -- starttls} the client must call {@link #startTls()} here;
 *   <li>{@code -- close} the server closes the connection: reads return {@code -1};
 *   <li>{@code # ...} and blank lines are ignored.
 * </ul>
 *
 * In {@code text}, {@code \r}, {@code \n}, {@code \t}, {@code \\} and {@code \xNN} are escapes.
 * Consecutive server steps are delivered together (in reads of at most {@link #chunked(int)}
 * bytes), as one TCP segment would be. Reading while the transcript expects the client to send,
 * writing what it does not expect, or a STARTTLS at the wrong point throws {@link AssertionError}
 * immediately; {@link #assertDone()} checks the whole transcript was played.
 */
public final class ScriptedTransport implements Transport {
  private enum Kind { SERVER, CLIENT, STARTTLS, CLOSE }

  private record Step(Kind kind, byte[] bytes, int line) {}

  private final List<Step> steps = new ArrayList<>();
  private int step;
  private int pos;
  private int chunk = Integer.MAX_VALUE;
  private boolean secure;
  private boolean closed;
  private boolean serverClosed;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private AssertionError failure;

  private ScriptedTransport() {}

  /** Parses {@code transcript}; see the class documentation for its format. */
  public static ScriptedTransport of(String transcript) {
    ScriptedTransport t = new ScriptedTransport();
    String[] lines = transcript.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.endsWith("\r")) {
        l = l.substring(0, l.length() - 1);
      }
      String trimmed = l.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.equals("-- starttls")) {
        t.steps.add(new Step(Kind.STARTTLS, new byte[0], i + 1));
      } else if (trimmed.equals("-- close")) {
        t.steps.add(new Step(Kind.CLOSE, new byte[0], i + 1));
      } else if (l.startsWith("S: ") || l.startsWith("C: ") || l.equals("S:") || l.equals("C:")) {
        byte[] text = unescape(l.length() > 3 ? l.substring(3) : "");
        byte[] withCrlf = DecoderHarness.concat(text, new byte[] {'\r', '\n'});
        t.add(l.charAt(0) == 'S' ? Kind.SERVER : Kind.CLIENT, withCrlf, i + 1);
      } else if (l.startsWith("S~ ") || l.startsWith("C~ ")) {
        t.add(l.charAt(0) == 'S' ? Kind.SERVER : Kind.CLIENT, unescape(l.substring(3)), i + 1);
      } else {
        throw new IllegalArgumentException("transcript line " + (i + 1) + " not understood: " + l);
      }
    }
    return t;
  }

  private void add(Kind kind, byte[] bytes, int line) {
    if (!steps.isEmpty() && steps.get(steps.size() - 1).kind == kind) {
      Step prev = steps.remove(steps.size() - 1);
      steps.add(new Step(kind, DecoderHarness.concat(prev.bytes, bytes), prev.line));
    } else {
      steps.add(new Step(kind, bytes, line));
    }
  }

  /** Delivers server bytes in reads of at most {@code n} bytes (1 for byte-by-byte). */
  public ScriptedTransport chunked(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("chunk must be >= 1");
    }
    this.chunk = n;
    return this;
  }

  /** Decodes {@code \r \n \t \\ \xNN} escapes; other characters become UTF-8. */
  public static byte[] unescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        run.append(c);
        continue;
      }
      out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
      run.setLength(0);
      char e = s.charAt(++i);
      switch (e) {
        case 'r' -> out.write('\r');
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case '\\' -> out.write('\\');
        case 'x' -> {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + e + " in: " + s);
      }
    }
    out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Override
  public int read(byte[] dst, int off, int len) throws TransportException {
    check();
    if (closed) {
      throw new IllegalStateException("transport is closed");
    }
    if (len == 0) {
      return 0;
    }
    if (pending.size() > 0) {
      fail("client read while it had " + pending.size() + " unflushed bytes: "
          + Excerpt.of(pending.toByteArray(), 0, pending.size(), 80));
    }
    while (step < steps.size()) {
      Step s = steps.get(step);
      switch (s.kind) {
        case SERVER -> {
          int n = Math.min(Math.min(len, chunk), s.bytes.length - pos);
          System.arraycopy(s.bytes, pos, dst, off, n);
          pos += n;
          if (pos == s.bytes.length) {
            step++;
            pos = 0;
          }
          return n;
        }
        case CLOSE -> {
          serverClosed = true;
          step++;
          return -1;
        }
        case CLIENT -> fail(
            "client reads, but transcript line " + s.line + " expects the client to send: \""
                + Excerpt.of(s.bytes, pos, s.bytes.length, 120) + "\"");
        case STARTTLS -> fail(
            "client reads, but transcript line " + s.line + " expects STARTTLS");
      }
    }
    serverClosed = true;
    return -1;
  }

  @Override
  public void write(byte[] src, int off, int len) throws TransportException {
    check();
    if (closed) {
      throw new IllegalStateException("transport is closed");
    }
    pending.write(src, off, len);
  }

  @Override
  public void flush() throws TransportException {
    check();
    byte[] b = pending.toByteArray();
    pending.reset();
    sent.writeBytes(b);
    for (int i = 0; i < b.length; i++) {
      if (serverClosed) {
        throw new TransportException("connection closed by peer (scripted)");
      }
      Step s = step < steps.size() ? steps.get(step) : null;
      if (s == null || s.kind != Kind.CLIENT) {
        fail("unexpected client bytes \"" + Excerpt.of(b, i, b.length, 120) + "\""
            + (s == null ? " after the end of the transcript" : " at transcript line " + s.line + " (" + s.kind + ")"));
      }
      if (s.bytes[pos] != b[i]) {
        fail("client sent \"" + Excerpt.of(b, i, b.length, 120) + "\" but transcript line "
            + s.line + " expects \"" + Excerpt.of(s.bytes, pos, s.bytes.length, 120) + "\"");
      }
      if (++pos == s.bytes.length) {
        step++;
        pos = 0;
      }
    }
  }

  @Override
  public void startTls() throws TransportException {
    check();
    if (secure) {
      throw new IllegalStateException("connection is already secure");
    }
    if (pending.size() > 0) {
      throw new IllegalStateException("flush pending writes before starting TLS");
    }
    Step s = step < steps.size() ? steps.get(step) : null;
    if (s != null && s.kind == Kind.SERVER) {
      // Server bytes the client has not read are still "in the socket": a real handshake would
      // fail on them, and so does this one.
      throw new TransportException(
          "server sent " + (s.bytes.length - pos) + " plaintext bytes before the TLS handshake");
    }
    if (s == null || s.kind != Kind.STARTTLS) {
      fail("unexpected STARTTLS" + (s == null ? " after the end of the transcript" : " at transcript line " + s.line));
    }
    step++;
    secure = true;
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public Optional<TlsInfo> tlsInfo() {
    return secure ? Optional.of(new TlsInfo("TLSv1.3", "TLS_SCRIPTED", List.of())) : Optional.empty();
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Every byte the client flushed, in order. */
  public byte[] sentBytes() {
    return sent.toByteArray();
  }

  /**
   * Asserts that the client played the whole transcript (server-only steps and a final close
   * may remain unread) and that no earlier mismatch was swallowed.
   */
  public void assertDone() {
    check();
    for (int i = step; i < steps.size(); i++) {
      Kind k = steps.get(i).kind;
      if (k == Kind.CLIENT || k == Kind.STARTTLS) {
        throw new AssertionError("transcript not finished: line " + steps.get(i).line + " (" + k + ") not reached");
      }
    }
  }

  private void check() {
    if (failure != null) {
      throw failure;
    }
  }

  private void fail(String message) {
    failure = new AssertionError(message);
    throw failure;
  }
}

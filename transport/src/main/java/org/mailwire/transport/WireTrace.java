package org.mailwire.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Consumer;
import org.mailwire.transport.internal.Excerpt;

/**
 * The wire trace: every protocol line sent ({@code C: }) and received ({@code S: }), with
 * credentials redacted and message bodies summarised by size. By default it goes to the {@link
 * System.Logger} named {@value #LOGGER_NAME} at {@code DEBUG}; it costs nothing when that level is
 * off.
 *
 * <p>Protocol clients call {@link #client}, {@link #server}, {@link #clientBody} and {@link
 * #serverBody}; they pass a {@link Redactor} for client lines that may carry secrets. Secrets must
 * never be passed to {@link #server} or {@link #note}. Each line is cut at {@value #MAX_LINE}
 * bytes, and non-printable bytes are escaped.
 */
public final class WireTrace {
  /** The logger the default trace writes to. */
  public static final String LOGGER_NAME = "org.mailwire.wire";
  /** The longest part of a line shown; the rest is elided with {@code "..."}. */
  public static final int MAX_LINE = 512;
  /** What replaces redacted bytes. */
  public static final String REDACTED = "<redacted>";

  /** A trace that records nothing. */
  public static final WireTrace OFF = new WireTrace(null, null);

  private final Logger logger;
  private final Consumer<String> sink;

  private WireTrace(Logger logger, Consumer<String> sink) {
    this.logger = logger;
    this.sink = sink;
  }

  /** The default trace, to the System.Logger {@value #LOGGER_NAME} at DEBUG. */
  public static WireTrace logger() {
    return logger(System.getLogger(LOGGER_NAME));
  }

  /** A trace to {@code logger} at DEBUG. */
  public static WireTrace logger(Logger logger) {
    return new WireTrace(Objects.requireNonNull(logger, "logger"), null);
  }

  /** A trace that hands every line to {@code sink} (for a CLI, or tests). */
  public static WireTrace to(Consumer<String> sink) {
    return new WireTrace(null, Objects.requireNonNull(sink, "sink"));
  }

  /** Whether lines are recorded at all; callers may skip work when not. */
  public boolean enabled() {
    return sink != null || (logger != null && logger.isLoggable(Level.DEBUG));
  }

  /**
   * Records the client lines in {@code data[off, off + len)} (one or more CRLF-terminated lines),
   * each redacted as {@code redactor} says.
   */
  public void client(byte[] data, int off, int len, Redactor redactor) {
    if (!enabled()) {
      return;
    }
    lines("C: ", data, off, len, redactor);
  }

  /** Records the client lines in {@code data[off, off + len)} with nothing redacted. */
  public void client(byte[] data, int off, int len) {
    client(data, off, len, Redactor.NONE);
  }

  /** Records server lines in {@code data[off, off + len)}. */
  public void server(byte[] data, int off, int len) {
    if (!enabled()) {
      return;
    }
    lines("S: ", data, off, len, Redactor.NONE);
  }

  /** Records that the client sent a body of {@code bytes} bytes, without showing it. */
  public void clientBody(long bytes) {
    if (enabled()) {
      emit("C: <body " + bytes + " bytes>");
    }
  }

  /** Records that the server sent a body of {@code bytes} bytes, without showing it. */
  public void serverBody(long bytes) {
    if (enabled()) {
      emit("S: <body " + bytes + " bytes>");
    }
  }

  /** Records an event that is not a line, e.g. {@code "TLS established: TLSv1.3"}. */
  public void note(String text) {
    if (enabled()) {
      emit("-- " + text);
    }
  }

  private void lines(String prefix, byte[] data, int off, int len, Redactor redactor) {
    int end = off + len;
    int start = off;
    while (start < end) {
      int lf = -1;
      for (int i = start; i < end; i++) {
        if (data[i] == '\n') {
          lf = i;
          break;
        }
      }
      int lineEnd = lf < 0 ? end : lf;
      int contentEnd = lineEnd > start && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      int visible = Math.max(0, Math.min(contentEnd - start, redactor.visibleLength(data, start, contentEnd - start)));
      StringBuilder sb = new StringBuilder(prefix.length() + Math.min(visible, MAX_LINE) + 16);
      sb.append(prefix);
      int shown = Math.min(visible, MAX_LINE);
      for (int i = start; i < start + shown; i++) {
        Excerpt.appendEscaped(sb, data[i]);
      }
      if (visible < contentEnd - start) {
        if (shown > 0 && data[start + shown - 1] != ' ') {
          sb.append(' ');
        }
        sb.append(REDACTED);
      } else if (shown < visible) {
        sb.append("... (").append(visible).append(" bytes)");
      }
      emit(sb.toString());
      start = lf < 0 ? end : lf + 1;
    }
  }

  private void emit(String line) {
    if (sink != null) {
      sink.accept(line);
    } else if (logger != null) {
      logger.log(Level.DEBUG, line);
    }
  }
}

package org.mailwire.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;

/**
 * Decodes the body of a {@code CAPA} response (RFC 2449 §5), the lines after its {@code +OK}, into
 * {@link Capabilities}. Each complete line is consumed as it arrives; the result comes when the
 * terminating {@code .} line has been consumed ({@code null} before). Lines holding controls other
 * than tab are a {@link ProtocolException}; more than {@link Pop3Limits#maxCapabilities()} lines a
 * {@link LimitExceededException}. Unknown capabilities are kept.
 */
public final class CapaDecoder extends MultiLineLines<Capabilities> {
  private final int maxCapabilities;
  private final List<String> lines = new ArrayList<>();

  /** Returns a decoder with the default limits. */
  public CapaDecoder() {
    this(Pop3Limits.defaults());
  }

  /** Returns a decoder with the given limits. */
  public CapaDecoder(Pop3Limits limits) {
    super(limits.maxLineLength());
    this.maxCapabilities = limits.maxCapabilities();
  }

  @Override
  void line(byte[] a, int start, int end, long offset) throws ProtocolException {
    for (int i = start; i < end; i++) {
      if ((a[i] >= 0 && a[i] < 0x20 && a[i] != '\t') || a[i] == 0x7f) {
        throw new ProtocolException("control character in a CAPA line", offset + (i - start), a, start, end);
      }
    }
    if (lines.size() == maxCapabilities) {
      throw new LimitExceededException("maxCapabilities", maxCapabilities, offset, a, start, end);
    }
    lines.add(new String(a, start, end - start, StandardCharsets.UTF_8).replace('\t', ' '));
  }

  @Override
  Capabilities result() {
    return Capabilities.of(lines);
  }
}

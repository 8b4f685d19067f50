package org.mailwire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTraceTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void splitsBatchedClientWritesIntoLinesAndRedactsAsTold() {
    List<String> lines = new ArrayList<>();
    WireTrace trace = WireTrace.to(lines::add);
    byte[] batch = b("USER alice\r\nPASS hunter2\r\n");
    // A POP3-like redactor: PASS shows only its keyword.
    Redactor pop3 = (l, off, len) -> len >= 5 && l[off] == 'P' && l[off + 1] == 'A' ? 5 : len;
    trace.client(batch, 0, batch.length, pop3);
    assertThat(lines).containsExactly("C: USER alice", "C: PASS " + WireTrace.REDACTED);
    assertThat(String.join("\n", lines)).doesNotContain("hunter2");
  }

  @Test
  void redactAllHidesSaslResponses() {
    List<String> lines = new ArrayList<>();
    WireTrace trace = WireTrace.to(lines::add);
    byte[] line = b("AGFsaWNlAGh1bnRlcjI=\r\n");
    trace.client(line, 0, line.length, Redactor.ALL);
    assertThat(lines).containsExactly("C: " + WireTrace.REDACTED);
  }

  @Test
  void serverLinesAreEscapedAndCut() {
    List<String> lines = new ArrayList<>();
    WireTrace trace = WireTrace.to(lines::add);
    byte[] line = b("* OK caf\u00e9\u0007\r\n");
    trace.server(line, 0, line.length);
    assertThat(lines).containsExactly("S: * OK caf\\xc3\\xa9\\x07");
    lines.clear();
    byte[] longLine = b("x".repeat(2000) + "\r\n");
    trace.server(longLine, 0, longLine.length);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("S: xxx").endsWith("... (2000 bytes)");
    assertThat(lines.get(0).length()).isLessThan(WireTrace.MAX_LINE + 40);
  }

  @Test
  void bodiesAreSummarisedBySize() {
    List<String> lines = new ArrayList<>();
    WireTrace trace = WireTrace.to(lines::add);
    trace.clientBody(10_240);
    trace.serverBody(3);
    trace.note("TLS established");
    assertThat(lines).containsExactly("C: <body 10240 bytes>", "S: <body 3 bytes>", "-- TLS established");
  }

  @Test
  void offTraceRecordsNothingAndNeverAsksTheRedactor() {
    assertThat(WireTrace.OFF.enabled()).isFalse();
    byte[] line = b("PASS x\r\n");
    WireTrace.OFF.client(line, 0, line.length, (l, o, n) -> {
      throw new AssertionError("redactor called on a disabled trace");
    });
  }

  @Test
  void aLineWithoutLfAtTheEndIsStillOneLine() {
    List<String> lines = new ArrayList<>();
    byte[] line = b("a1 NOOP");
    WireTrace.to(lines::add).client(line, 0, line.length);
    assertThat(lines).containsExactly("C: a1 NOOP");
  }
}

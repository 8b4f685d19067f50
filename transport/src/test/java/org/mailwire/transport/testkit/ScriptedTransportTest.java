package org.mailwire.transport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.TransportException;

class ScriptedTransportTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String readAll(ScriptedTransport t, int n) throws Exception {
    byte[] buf = new byte[n];
    int got = t.read(buf, 0, n);
    return got < 0 ? null : new String(buf, 0, got, StandardCharsets.UTF_8);
  }

  @Test
  void playsATranscriptInOrder() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("""
        # a comment
        S: +OK ready
        C: CAPA
        S: +OK
        S: UIDL
        S: .
        """);
    assertThat(readAll(t, 100)).isEqualTo("+OK ready\r\n");
    t.write(b("CA"));
    t.write(b("PA\r\n"));
    t.flush();
    assertThat(readAll(t, 100)).isEqualTo("+OK\r\nUIDL\r\n.\r\n"); // consecutive S: lines together
    assertThat(readAll(t, 100)).isNull();
    t.assertDone();
    assertThat(t.sentBytes()).isEqualTo(b("CAPA\r\n"));
  }

  @Test
  void chunkedDeliversAtMostNBytesPerRead() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("S: abc").chunked(1);
    assertThat(readAll(t, 10)).isEqualTo("a");
    assertThat(readAll(t, 10)).isEqualTo("b");
    assertThat(readAll(t, 10)).isEqualTo("c");
    assertThat(readAll(t, 10)).isEqualTo("\r");
  }

  @Test
  void anUnexpectedClientByteFailsAtOnceAndStaysFailed() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("S: +OK\nC: USER alice");
    readAll(t, 100);
    t.write(b("USER bob\r\n"));
    assertThatThrownBy(t::flush)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("client sent \"bob\\r\\n\" but transcript line 2 expects \"alice\\r\\n\"");
    assertThatThrownBy(t::assertDone).isInstanceOf(AssertionError.class);
  }

  @Test
  void readingWhenTheClientShouldSpeakFails() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("C: EHLO x\nS: 250 ok");
    assertThatThrownBy(() -> readAll(t, 10))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expects the client to send: \"EHLO x\\r\\n\"");
  }

  @Test
  void bytesAfterTheEndAreUnexpected() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("S: 221 bye");
    readAll(t, 100);
    t.write(b("QUIT\r\n"));
    assertThatThrownBy(t::flush).hasMessageContaining("after the end of the transcript");
  }

  @Test
  void unfinishedTranscriptIsReported() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("S: 220 hi\nC: QUIT");
    readAll(t, 100);
    assertThatThrownBy(t::assertDone).hasMessageContaining("line 2 (CLIENT) not reached");
  }

  @Test
  void startTlsOnlyWhereScriptedAndNeverOverUnreadServerBytes() throws Exception {
    ScriptedTransport ok = ScriptedTransport.of("S: 220 go\n-- starttls\nC: EHLO x");
    readAll(ok, 100);
    ok.startTls();
    assertThat(ok.isSecure()).isTrue();
    assertThat(ok.tlsInfo()).isPresent();

    ScriptedTransport injected = ScriptedTransport.of("S: 220 go\nS: 250 forged\n-- starttls");
    assertThat(readAll(injected, 8)).isEqualTo("220 go\r\n");
    assertThatThrownBy(injected::startTls)
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("12 plaintext bytes");

    ScriptedTransport early = ScriptedTransport.of("S: 220 go\nC: QUIT");
    readAll(early, 100);
    assertThatThrownBy(early::startTls).hasMessageContaining("unexpected STARTTLS at transcript line 2");
  }

  @Test
  void escapesAndRawLines() throws Exception {
    assertThat(ScriptedTransport.unescape("a\\r\\n\\x00\\\\z\u00e9"))
        .isEqualTo(new byte[] {'a', '\r', '\n', 0, '\\', 'z', (byte) 0xc3, (byte) 0xa9});
    ScriptedTransport t = ScriptedTransport.of("S~ 25\nS~ 0 x\\r\\n\n-- close\nS: never");
    assertThat(readAll(t, 100)).isEqualTo("250 x\r\n");
    assertThat(readAll(t, 100)).isNull();
    assertThatThrownBy(() -> ScriptedTransport.of("X: what")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesAfterTheServerClosedFailLikeABrokenPipe() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("S: 354 go\n-- close\nC: body");
    readAll(t, 100);
    assertThat(readAll(t, 100)).isNull();
    t.write(b("body\r\n"));
    assertThatThrownBy(t::flush).isInstanceOf(TransportException.class);
  }
}

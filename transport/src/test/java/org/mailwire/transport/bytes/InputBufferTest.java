package org.mailwire.transport.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.ConnectionClosedException;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.testkit.ScriptedTransport;

class InputBufferTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void findsLineEndOnlyWhenTheLfHasArrived() throws Exception {
    InputBuffer in = new InputBuffer(16, 1024);
    in.write(b("+OK hello\r"));
    assertThat(in.findLineEnd(100)).isEqualTo(-1);
    in.write(b("\nnext"));
    int lf = in.findLineEnd(100);
    assertThat(lf).isEqualTo(10);
    assertThat(in.get(lf - 1)).isEqualTo((byte) '\r');
    in.skipTo(lf + 1);
    assertThat(in.toByteArray()).isEqualTo(b("next"));
    assertThat(in.consumed()).isEqualTo(11);
    assertThat(in.findLineEnd(100)).isEqualTo(-1);
  }

  @Test
  void lineFedOneByteAtATimeIsFoundAtTheSameStreamOffset() throws Exception {
    byte[] input = b("250-first line\r\n250 second\r\n");
    InputBuffer in = new InputBuffer(16, 1024);
    StringBuilder lines = new StringBuilder();
    for (byte x : input) {
      in.write(new byte[] {x});
      int lf;
      while ((lf = in.findLineEnd(64)) >= 0) {
        lines.append(Ascii.string(in.array(), in.readIndex(), lf - 1 - in.readIndex())).append('|');
        in.skipTo(lf + 1);
      }
    }
    assertThat(lines.toString()).isEqualTo("250-first line|250 second|");
    assertThat(in.readable()).isZero();
    assertThat(in.consumed()).isEqualTo(input.length);
  }

  @Test
  void lineOverTheLimitFailsBeforeMoreIsBuffered() throws Exception {
    InputBuffer in = new InputBuffer(16, 1 << 20);
    in.write(b("x".repeat(99)));
    assertThat(in.findLineEnd(100)).isEqualTo(-1);
    in.write(b("y"));
    assertThatThrownBy(() -> in.findLineEnd(100))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("maxLineLength (100) exceeded")
        .satisfies(e -> assertThat(((LimitExceededException) e).offset()).isZero());
  }

  @Test
  void lineExactlyAtTheLimitIsAccepted() throws Exception {
    InputBuffer in = new InputBuffer(16, 1024);
    in.write(b("x".repeat(8) + "\r\n")); // 10 bytes with CRLF
    assertThat(in.findLineEnd(10)).isEqualTo(9);
  }

  @Test
  void growsAndCompactsKeepingUnreadBytesAndOffsets() throws Exception {
    InputBuffer in = new InputBuffer(16, 64);
    in.write(b("0123456789abcdef"));
    in.skip(10);
    in.write(b("ghijklmnop")); // compacts: 6 live + 10 new fits in 16
    assertThat(in.capacity()).isEqualTo(16);
    assertThat(in.toByteArray()).isEqualTo(b("abcdefghijklmnop"));
    assertThat(in.streamOffset(in.readIndex())).isEqualTo(10);
    in.write(b("qrstuvwxyz")); // grows
    assertThat(in.capacity()).isEqualTo(32);
    assertThat(in.toByteArray()).isEqualTo(b("abcdefghijklmnopqrstuvwxyz"));
    assertThat(in.consumed()).isEqualTo(10);
    in.write(ByteBuffer.wrap(b("0123456789")));
    assertThat(in.capacity()).isEqualTo(64);
    assertThat(in.readable()).isEqualTo(36);
  }

  @Test
  void refusesToGrowPastMaxCapacity() throws Exception {
    InputBuffer in = new InputBuffer(16, 32);
    in.write(b("x".repeat(30)));
    assertThatThrownBy(() -> in.write(b("abc")))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("maxBufferCapacity (32)");
    assertThat(in.readable()).isEqualTo(30);
  }

  @Test
  void discardDropsPlaintextBytesAndCountsThem() throws Exception {
    InputBuffer in = new InputBuffer(16, 64);
    in.write(b("220 go ahead\r\n250 injected\r\n"));
    in.skipTo(in.findLineEnd(64) + 1);
    assertThat(in.discard()).isEqualTo(14);
    assertThat(in.readable()).isZero();
    assertThat(in.consumed()).isEqualTo(28);
    assertThat(in.findLineEnd(64)).isEqualTo(-1);
  }

  @Test
  void skipMoreThanReadableIsMisuse() throws Exception {
    InputBuffer in = new InputBuffer(16, 64);
    in.write(b("ab"));
    assertThatThrownBy(() -> in.skip(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> in.skip(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InputBuffer(8, 64)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fillLineReadsAcrossChunksAndReportsACloseMidLine() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("S~ * OK ready\\r\\n* partial").chunked(3);
    InputBuffer in = new InputBuffer(16, 1024);
    int lf = in.fillLine(t, 100);
    assertThat(Ascii.string(in.array(), in.readIndex(), lf + 1 - in.readIndex())).isEqualTo("* OK ready\r\n");
    in.skipTo(lf + 1);
    assertThatThrownBy(() -> in.fillLine(t, 100))
        .isInstanceOf(ConnectionClosedException.class)
        .hasMessageContaining("middle of a line (9 bytes)")
        .hasMessageContaining("after 21 bytes");
  }

  @Test
  void fillLineOnACleanCloseSaysNoLineCame() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("-- close");
    InputBuffer in = new InputBuffer(16, 1024);
    assertThatThrownBy(() -> in.fillLine(t, 100))
        .isInstanceOf(ConnectionClosedException.class)
        .hasMessageContaining("while a line was expected");
  }

  @Test
  void fillLineStopsAnEndlessLineWithinTheLimit() throws Exception {
    // 10 MiB without a line end, delivered in 64 KiB reads: the limit trips after 8 KiB.
    String big = "x".repeat(10 * 1024 * 1024);
    ScriptedTransport t = ScriptedTransport.of("S~ " + big).chunked(64 * 1024);
    InputBuffer in = new InputBuffer(4096, 64 * 1024);
    assertThatThrownBy(() -> in.fillLine(t, 8192))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("maxLineLength (8192)");
    assertThat(in.capacity()).isLessThanOrEqualTo(64 * 1024);
  }
}

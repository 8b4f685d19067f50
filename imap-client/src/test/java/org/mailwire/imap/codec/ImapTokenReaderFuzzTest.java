package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.mailwire.imap.codec.ImapTokenReader.Token;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Fuzzes the event level: for any bytes in any split, {@link ImapTokenReader#next} throws nothing,
 * makes progress, gives the same tokens whatever the split, and the token stream is well formed
 * (every response is START ... END or START ... ERROR, a body is BEGIN, BYTES*, END, depth never
 * negative, a view always lies inside its array). Seeds: {@code ImapTokenReaderFuzzTestInputs/tokens}
 * (a real Dovecot session and fixture lines); {@code JAZZER_FUZZ=1} fuzzes.
 */
class ImapTokenReaderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void tokens(FuzzedDataProvider data) throws ProtocolException {
    int chunk = data.consumeInt(1, 64);
    byte[] input = data.consumeRemainingAsBytes();
    List<String> whole = run(input, input.length + 1);
    List<String> split = run(input, chunk);
    assertThat(split).isEqualTo(whole);
  }

  static List<String> run(byte[] input, int chunk) throws ProtocolException {
    ImapTokenReader r = new ImapTokenReader(new ImapLimits(256, 128, 1024, 8, 200, 64));
    InputBuffer in = new InputBuffer(16, 1 << 16);
    List<String> out = new ArrayList<>();
    boolean inResponse = false;
    boolean inBody = false;
    StringBuilder body = new StringBuilder();
    int i = 0;
    while (i < input.length) {
      int n = Math.min(chunk, input.length - i);
      in.write(input, i, n);
      i += n;
      Token t;
      int guard = 0;
      while ((t = r.next(in)) != null) {
        assertThat(++guard).isLessThan(100_000);
        assertThat(r.depth()).isNotNegative();
        if (t != Token.ERROR) {
          assertThat(r.offset()).isNotNegative();
          assertThat(r.offset() + r.length()).isLessThanOrEqualTo(r.array().length);
        }
        if (t == Token.BODY_BYTES) {
          assertThat(inBody).isTrue();
          body.append(new String(r.array(), r.offset(), r.length(), java.nio.charset.StandardCharsets.ISO_8859_1));
          continue;
        }
        assertThat(inBody).as("only bytes inside a body").isEqualTo(t == Token.BODY_END);
        switch (t) {
          case START -> {
            assertThat(inResponse).isFalse();
            inResponse = true;
          }
          case END, ERROR -> {
            assertThat(inResponse || t == Token.ERROR).isTrue();
            inResponse = false;
          }
          case BODY_BEGIN -> inBody = true;
          case BODY_END -> {
            inBody = false;
            out.add("body " + body);
            body.setLength(0);
          }
          default -> assertThat(inResponse).isTrue();
        }
        out.add(t + (t == Token.ERROR ? r.error().getMessage() : " " + r.string() + " " + r.number()));
      }
    }
    return out;
  }
}

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
 * negative, a view always lies inside its array), and {@link ImapTokenReader#read} (the push form,
 * stopped at random tokens and mixed with {@code next}) hands out exactly the same tokens. Seeds: {@code ImapTokenReaderFuzzTestInputs/tokens}
 * (a real Dovecot session and fixture lines); {@code JAZZER_FUZZ=1} fuzzes.
 */
class ImapTokenReaderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void tokens(FuzzedDataProvider data) throws ProtocolException {
    int chunk = data.consumeInt(1, 64);
    int stopEvery = data.consumeInt(1, 7);
    byte[] input = data.consumeRemainingAsBytes();
    List<String> whole = run(input, input.length + 1, 0);
    assertThat(run(input, chunk, 0)).isEqualTo(whole);
    assertThat(run(input, chunk, -1)).as("read(), never stopped").isEqualTo(whole);
    assertThat(run(input, chunk, stopEvery)).as("read() stopped every %d tokens, mixed with next()", stopEvery).isEqualTo(whole);
  }

  /** One token, copied as it was handed out. */
  private record Seen(Token kind, String text, long number, int depth, boolean viewInside) {}

  /**
   * The tokens of {@code input} fed {@code chunk} bytes at a time: by {@link ImapTokenReader#next}
   * ({@code form} 0), by {@link ImapTokenReader#read} never stopped (-1), or by {@code read}
   * stopped after every {@code form}-th token and alternated with {@code next}; checked for being
   * well formed and rendered as strings.
   */
  static List<String> run(byte[] input, int chunk, int form) throws ProtocolException {
    ImapTokenReader r = new ImapTokenReader(new ImapLimits(256, 128, 1024, 8, 200, 64));
    InputBuffer in = new InputBuffer(16, 1 << 16);
    List<String> out = new ArrayList<>();
    boolean inResponse = false;
    boolean inBody = false;
    StringBuilder body = new StringBuilder();
    List<Seen> seen = new ArrayList<>();
    int[] handed = {0};
    ImapTokenReader.Handler h = (t, array, offset, length, number) -> {
      seen.add(seen(r, t, array, offset, length, number));
      return form <= 0 || ++handed[0] % form != 0;
    };
    int i = 0;
    while (i < input.length) {
      int n = Math.min(chunk, input.length - i);
      in.write(input, i, n);
      i += n;
      seen.clear();
      int guard = 0;
      boolean pull = form == 0;
      while (true) {
        assertThat(++guard).isLessThan(100_000);
        if (pull) {
          Token t = r.next(in);
          if (t == null) {
            break;
          }
          seen.add(seen(r, t, r.array(), r.offset(), r.length(), r.number()));
        } else {
          int before = seen.size();
          int got = r.read(in, h);
          assertThat(got).isEqualTo(seen.size() - before);
          if (got == 0) {
            break;
          }
        }
        pull = form == 0 || (form > 0 && !pull);
      }
      for (Seen s : seen) {
        assertThat(s.depth()).isNotNegative();
        assertThat(s.viewInside()).isTrue();
        Token t = s.kind();
        if (t == Token.BODY_BYTES) {
          assertThat(inBody).isTrue();
          body.append(s.text());
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
        out.add(t + (t == Token.ERROR ? s.text() : " " + s.text() + " " + s.number()));
      }
    }
    return out;
  }

  private static Seen seen(ImapTokenReader r, Token t, byte[] array, int offset, int length, long number) {
    if (t == Token.ERROR) {
      return new Seen(t, r.error().getMessage(), number, r.depth(), true);
    }
    boolean inside = offset >= 0 && length >= 0 && offset + length <= array.length;
    String text = inside ? new String(array, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
    return new Seen(t, text, number, r.depth(), inside);
  }
}

package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Fuzzes the response decoder: for any bytes, in any split, in lenient and strict mode, decode()
 * throws nothing, makes progress, consumes the whole stream of complete responses, and the events
 * do not depend on how the input was split. Runs the seed corpus ({@code
 * ResponseDecoderFuzzTestInputs/decode}: a real Dovecot session and the fixture lines) in {@code
 * mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ResponseDecoderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void decode(FuzzedDataProvider data) throws ProtocolException {
    boolean strict = data.consumeBoolean();
    int chunk = data.consumeInt(1, 64);
    byte[] input = data.consumeRemainingAsBytes();
    List<Object> whole = run(input, input.length + 1, strict);
    List<Object> split = run(input, chunk, strict);
    assertThat(split).isEqualTo(whole);
  }

  static List<Object> run(byte[] input, int chunk, boolean strict) throws ProtocolException {
    ImapResponseDecoder d =
        ImapResponseDecoder.builder().strict(strict).limits(new ImapLimits(256, 128, 1024, 8, 200, 64)).build();
    InputBuffer in = new InputBuffer(16, 1 << 16);
    List<ImapEvent> events = new ArrayList<>();
    int i = 0;
    while (i < input.length) {
      int n = Math.min(chunk, input.length - i);
      in.write(input, i, n);
      i += n;
      ImapEvent e;
      int guard = 0;
      while ((e = Fx.copying(d).decode(in)) != null) {
        events.add(e);
        assertThat(++guard).isLessThan(100_000);
      }
    }
    // whatever is left is an incomplete response: it never exceeds the limits' worth of framed bytes
    assertThat(in.readable()).isLessThanOrEqualTo(input.length);
    List<Object> out = Fx.normalize(events);
    out.add("left=" + in.readable());
    return out;
  }

  @Test
  void realDovecotCaptureDecodesCleanly() throws IOException {
    byte[] capture;
    try (InputStream s = getClass().getResourceAsStream("ResponseDecoderFuzzTestInputs/decode/dovecot-session")) {
      capture = s.readAllBytes();
    }
    List<Deviation> devs = new ArrayList<>();
    List<Object> ev = Fx.events(() -> ImapResponseDecoder.builder().strict(true).deviationListener(devs::add).build(), capture);
    assertThat(ev).noneMatch(e -> e instanceof String s && s.startsWith("ERROR"));
    assertThat(ev).hasSizeGreaterThan(40);
    assertThat(ev.get(0)).isInstanceOf(Response.Greeting.class);
    assertThat(ev).anyMatch(e -> e instanceof UntaggedData.Fetch f && f.item(FetchItem.Structure.class) != null);
    assertThat(devs).isEmpty();
  }
}

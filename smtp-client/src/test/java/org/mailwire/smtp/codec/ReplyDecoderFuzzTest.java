package org.mailwire.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Jazzer fuzz tests of the reply decoder and the EHLO parser. In {@code mvn test} they run in
 * regression mode over the seeds in {@code ReplyDecoderFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} they fuzz.
 *
 * <p>Properties: the decoder throws nothing but {@link ProtocolException}; the same bytes fed in
 * random splits give the same replies; every decoded reply re-encodes to bytes that decode to the
 * same reply; capability parsing of any positive reply throws nothing.
 */
class ReplyDecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decoderThrowsOnlyProtocolExceptions(FuzzedDataProvider data) {
    int maxLine = data.consumeInt(8, 600);
    ReplyDecoder.Limits limits = new ReplyDecoder.Limits(maxLine, maxLine * 4, data.consumeInt(1, 64));
    int split = data.consumeInt(1, 64);
    byte[] input = data.consumeRemainingAsBytes();

    List<Reply> whole = new ArrayList<>();
    String wholeError = decode(new ReplyDecoder(limits), input, input.length, whole);
    List<Reply> pieces = new ArrayList<>();
    String piecesError = decode(new ReplyDecoder(limits), input, split, pieces);
    // However the bytes are split: the same replies, and failing or not alike.
    assertThat(pieces).isEqualTo(whole);
    assertThat(piecesError == null).isEqualTo(wholeError == null);
    for (Reply r : whole) {
      byte[] again = (r.toString().replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8);
      List<Reply> round = new ArrayList<>();
      assertThat(decode(new ReplyDecoder(), again, again.length, round)).isNull();
      assertThat(round).containsExactly(r);
    }
  }

  /** Decodes everything, feeding {@code step} bytes at a time; returns the error, or null. */
  private static String decode(ReplyDecoder dec, byte[] input, int step, List<Reply> out) {
    InputBuffer in = new InputBuffer(16, Math.max(64, input.length + 16));
    ReplyView view = new ReplyView();
    try {
      for (int off = 0; off < input.length; off += step) {
        in.write(input, off, Math.min(step, input.length - off));
        while (dec.decode(in, view)) {
          out.add(view.toReply());
          if (view.isPositiveCompletion()) {
            Capabilities c = Capabilities.parse(view);
            assertThat(c.toString()).isEqualTo(Capabilities.parse(view.toReply()).toString());
          }
        }
      }
      return null;
    } catch (ProtocolException e) {
      return e.getClass().getName();
    }
  }
}

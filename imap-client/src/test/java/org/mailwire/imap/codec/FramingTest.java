package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.bytes.InputBuffer;

/** Framing, limits, greeting, incomplete input and resynchronisation after errors. */
class FramingTest {

  static ImapResponseDecoder small() {
    return ImapResponseDecoder.builder().expectGreeting(false)
        .limits(new ImapLimits(64, 16, 256, 4, 10, 32)).build();
  }

  static List<ImapEvent> feed(ImapResponseDecoder d, String wire) throws Exception {
    InputBuffer in = new InputBuffer(16, 4096);
    List<ImapEvent> out = new ArrayList<>();
    for (byte b : wire.getBytes(StandardCharsets.ISO_8859_1)) {
      in.write(new byte[] {b});
      ImapEvent e;
      while ((e = d.decode(in)) != null) {
        out.add(e);
      }
    }
    assertThat(in.readable()).isZero();
    return out;
  }

  @Test
  void incompleteInputConsumesNothing() {
    Fx.incomplete("* 1 FETCH (UID 1");
    Fx.incomplete("* 1 FETCH (UID 1)\r");
    Fx.incomplete("* LIST () \"/\" {5}\r\nab");
    Fx.incomplete("A1 OK");
    Fx.incomplete("");
  }

  @Test
  void greetingIsTypedOnlyFirst() {
    List<Object> ev = Fx.events(() -> ImapResponseDecoder.builder().build(), "* PREAUTH [CAPABILITY IMAP4rev2] hi\r\n* OK x\r\n");
    assertThat(ev).containsExactly(
        new Response.Greeting(Status.PREAUTH, new ResponseCode.Capability(List.of("IMAP4rev2")), "hi"),
        new Response.UntaggedStatus(Status.OK, null, "x"));
    List<Object> bye = Fx.events(() -> ImapResponseDecoder.builder().build(), "* BYE too busy\r\n");
    assertThat(bye).containsExactly(new Response.Greeting(Status.BYE, null, "too busy"));
  }

  @Test
  void overlongLineIsSkippedAndDecodingContinues() throws Exception {
    String longLine = "* OK " + "x".repeat(200) + "\r\n";
    List<ImapEvent> ev = feed(small(), longLine + "A1 OK done\r\n");
    assertThat(ev).hasSize(2);
    ImapEvent.ResponseError err = (ImapEvent.ResponseError) ev.get(0);
    assertThat(err.error()).isInstanceOf(LimitExceededException.class);
    assertThat(((LimitExceededException) err.error()).limitName()).isEqualTo("maxLineLength");
    assertThat(err.raw()).hasSize(32);
    assertThat(err.rawLength()).isEqualTo(longLine.length());
    assertThat(ev.get(1)).isEqualTo(new Response.Tagged("A1", Status.OK, null, "done"));
  }

  @Test
  void oversizedLiteralIsSkippedWithoutBuffering() throws Exception {
    String big = "* LIST () \"/\" {40}\r\n" + "y".repeat(40) + " more {3}\r\nabc\r\n";
    List<ImapEvent> ev = feed(small(), big + "* 3 EXISTS\r\n");
    assertThat(ev).hasSize(2);
    ImapEvent.ResponseError err = (ImapEvent.ResponseError) ev.get(0);
    assertThat(((LimitExceededException) err.error()).limitName()).isEqualTo("maxLiteralSize");
    assertThat(err.tag()).isEqualTo("*");
    assertThat(err.rawLength()).isEqualTo(big.length());
    assertThat(ev.get(1)).isEqualTo(new UntaggedData.Exists(3));
  }

  @Test
  void depthAndItemLimits() throws Exception {
    List<ImapEvent> deep = feed(small(), "* THREAD (1 (2 (3 (4 (5 (6))))))\r\n");
    assertThat(((LimitExceededException) ((ImapEvent.ResponseError) deep.get(0)).error()).limitName()).isEqualTo("maxDepth");
    List<ImapEvent> many = feed(small(), "* SEARCH 1 2 3 4 5 6 7 8 9 10 11 12\r\n");
    assertThat(((LimitExceededException) ((ImapEvent.ResponseError) many.get(0)).error()).limitName()).isEqualTo("maxItems");
  }

  @Test
  void bodyLargerThanEveryLimitStreamsInChunks() throws Exception {
    ImapResponseDecoder d = small();
    InputBuffer in = new InputBuffer(16, 64);
    String body = "z".repeat(10_000);
    byte[] wire = ("* 7 FETCH (UID 9 BODY[] {10000}\r\n" + body + ")\r\n").getBytes(StandardCharsets.ISO_8859_1);
    StringBuilder got = new StringBuilder();
    List<ImapEvent> other = new ArrayList<>();
    int i = 0;
    while (i < wire.length) {
      int n = Math.min(13, wire.length - i);
      in.ensureWritable(n);
      in.write(wire, i, n);
      i += n;
      ImapEvent e;
      while ((e = d.decode(in)) != null) {
        if (e instanceof ImapEvent.BodyBytes b) {
          got.append(new String(b.array(), b.offset(), b.length(), StandardCharsets.ISO_8859_1));
        } else {
          other.add(e);
        }
      }
    }
    assertThat(got.toString()).isEqualTo(body);
    assertThat(in.capacity()).isLessThanOrEqualTo(64);
    BodySection s = new BodySection(BodySection.Kind.BODY, "", -1);
    assertThat(other).containsExactly(
        new ImapEvent.BodyBegin(7, s, 10000),
        new ImapEvent.BodyEnd(7, s),
        new UntaggedData.Fetch(7, List.of(new FetchItem.Uid(9), new FetchItem.Body(s, 10000))));
  }

  @Test
  void errorInFetchAfterStreamedBodyKeepsTagAndRaw() {
    List<Object> ev = Fx.events(Fx.lenient(), "* 2 FETCH (BODY[] {2}\r\nhi UID x)\r\n");
    assertThat(ev).hasSize(4);
    assertThat(ev.get(1)).isEqualTo("hi");
    assertThat((String) ev.get(3)).startsWith("ERROR * * 2 FETCH (BODY[] {2}\r\n UID x)");
  }
}

package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.testkit.DecoderHarness;
import org.mailwire.transport.testkit.DecoderHarness.Feed;

/**
 * Fixture tables for the response grammar: each {@code fixtures/*.in} line is decoded whole, one
 * byte at a time and with trailing bytes (which must stay unconsumed), in lenient and strict mode;
 * the rendering (events, tolerated deviations with their offsets, errors with the offset where
 * parsing stopped) must equal the golden {@code fixtures/*.out}. Regenerate the golden files after
 * a reviewed change with {@code -Dmailwire.regen=true}.
 */
class GrammarFixturesTest {

  static Stream<Arguments> tables() {
    return Stream.of(Arguments.of("responses"), Arguments.of("quirks"), Arguments.of("failures"));
  }

  @ParameterizedTest
  @MethodSource("tables")
  void table(String name) throws IOException {
    List<String> in = lines("fixtures/" + name + ".in");
    StringBuilder out = new StringBuilder();
    int cases = 0;
    for (String line : in) {
      if (line.isBlank() || line.startsWith("#")) {
        out.append(line).append('\n');
        continue;
      }
      cases++;
      byte[] wire = unescape(line);
      out.append("S: ").append(line).append('\n');
      out.append(render(wire, false));
      out.append(render(wire, true));
    }
    String got = out.toString();
    Path golden = Path.of("src/test/resources/fixtures/" + name + ".out");
    if (Boolean.getBoolean("mailwire.regen")) {
      Files.writeString(golden, got);
    }
    String want = new String(read("fixtures/" + name + ".out"), StandardCharsets.UTF_8);
    assertThat(got).isEqualTo(want);
    assertThat(cases).isGreaterThan(15);
    if (name.equals("failures")) {
      assertThat(got).doesNotContain("\n  lenient: Fetch").doesNotContain("\n  lenient: Untagged");
    }
    if (name.equals("quirks")) {
      for (String block : got.split("\nS: ")) {
        if (block.startsWith("#")) {
          continue;
        }
        assertThat(block).as(block).contains("strict: ERROR").contains("~ ");
      }
    }
  }

  /** Decodes three ways (they must agree, trailing bytes untouched) and renders the events. */
  static String render(byte[] wire, boolean strict) {
    List<String> devs = new ArrayList<>();
    Supplier<ImapResponseDecoder> d =
        () -> ImapResponseDecoder.builder().expectGreeting(false).strict(strict)
            .deviationListener(x -> devs.add(x.quirk() + "@" + x.offset())).build();
    List<ImapEvent> raw;
    try {
      raw = DecoderHarness.run(Fx.copying(d.get()), wire, Feed.WHOLE).events();
      List<String> wholeDevs = new ArrayList<>(devs);
      DecoderHarness.check(() -> Fx.copying(d.get()), wire, Fx::normalize, Fx.normalize(raw), new byte[0]);
      devs.clear();
      devs.addAll(wholeDevs);
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
    StringBuilder sb = new StringBuilder();
    String mode = strict ? "  strict: " : "  lenient: ";
    for (int i = 0; i < raw.size(); i++) {
      ImapEvent e = raw.get(i);
      if (e instanceof ImapEvent.ResponseError r) {
        sb.append(mode).append("ERROR tag=").append(r.tag()).append(" at=").append(r.error().offset())
            .append(" len=").append(r.rawLength()).append(' ').append(r.error().getMessage().replace("\n", "\\n")).append('\n');
      } else if (e instanceof ImapEvent.BodyBytes b) {
        sb.append(mode).append("bytes \"").append(org.mailwire.imap.internal.Ascii2.excerpt(b.array(), b.offset(), b.offset() + b.length())).append("\"\n");
      } else {
        sb.append(mode).append(e).append('\n');
      }
    }
    if (!strict) {
      for (String dv : devs) {
        sb.append("  ~ ").append(dv).append('\n');
      }
    }
    return sb.toString();
  }

  static byte[] unescape(String s) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\\' && i + 1 < b.length) {
        byte n = b[i + 1];
        if (n == 'r') {
          o.write('\r');
          i++;
          continue;
        }
        if (n == 'n') {
          o.write('\n');
          i++;
          continue;
        }
        if (n == 'x' && i + 3 < b.length) {
          o.write(Integer.parseInt(new String(b, i + 2, 2, StandardCharsets.US_ASCII), 16));
          i += 3;
          continue;
        }
      }
      o.write(b[i]);
    }
    return o.toByteArray();
  }

  static List<String> lines(String resource) throws IOException {
    return List.of(new String(read(resource), StandardCharsets.UTF_8).split("\n"));
  }

  static byte[] read(String resource) throws IOException {
    try (InputStream in = GrammarFixturesTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return new byte[0];
      }
      return in.readAllBytes();
    }
  }
}

package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailwire.imap.codec.ImapTokenReader.Token;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.DecoderHarness;
import org.mailwire.transport.testkit.DecoderHarness.Feed;

/**
 * The event level: {@link ImapTokenReader} over the same fixture inputs as the typed decoder, each
 * run whole, one byte at a time and with trailing bytes. The tokens must carry the same content:
 * written back to the wire (test-side serializer) and decoded by {@link ImapResponseDecoder}, they
 * give the same typed events as the original bytes; a lexical error of the reader must be an error
 * of the strict typed decoder too.
 */
class ImapTokenReaderTest {

  /** One token as a self-contained value (the view copied). */
  record Tok(Token kind, byte[] bytes, long number, int depth, boolean spaceBefore) {
    Tok(Token kind, byte[] bytes, long number, int depth) {
      this(kind, bytes, number, depth, false);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tok t && t.kind == kind && java.util.Arrays.equals(t.bytes, bytes) && t.number == number && t.depth == depth
          && t.spaceBefore == spaceBefore;
    }

    @Override
    public int hashCode() {
      return kind.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      String s = kind == Token.ERROR ? "" : new String(bytes, StandardCharsets.UTF_8);
      return kind + (s.isEmpty() ? "" : "(" + s + ")") + (kind == Token.NUMBER || kind == Token.BODY_BEGIN ? "#" + number : "");
    }
  }

  static Decoder<Tok> copying(ImapTokenReader r) {
    return in -> {
      Token t = r.next(in);
      return t == null ? null : tok(r, in, t, r.array(), r.offset(), r.length(), r.number());
    };
  }

  /** One token copied; for LIST_OPEN, whether a space preceded it on the wire (same segment: the byte is still in the buffer). */
  static Tok tok(ImapTokenReader r, InputBuffer in, Token t, byte[] array, int offset, int length, long number) {
    byte[] b = t == Token.ERROR ? new byte[0] : java.util.Arrays.copyOfRange(array, offset, offset + length);
    if (t == Token.ERROR) {
      assertThat(r.error()).isNotNull();
    }
    boolean space = t == Token.LIST_OPEN && array == in.array() && offset > 0 && in.array()[offset - 1] == ' ';
    return new Tok(t, b, t == Token.NUMBER || t == Token.LITERAL || t == Token.BODY_BEGIN ? number : -1, r.depth(), space);
  }

  /**
   * The push form, {@link ImapTokenReader#read}, as a decoder: each read's tokens are queued and
   * handed out one by one. With {@code stopEvery > 0} the handler stops the read after every
   * {@code stopEvery}-th token, and every other decode call uses {@link ImapTokenReader#next}
   * instead, so both forms are mixed on one reader.
   */
  static Decoder<Tok> pushing(ImapTokenReader r, int stopEvery) {
    java.util.ArrayDeque<Tok> queue = new java.util.ArrayDeque<>();
    int[] calls = {0, 0};
    return in -> {
      if (queue.isEmpty()) {
        if (stopEvery > 0 && calls[0]++ % 2 == 1) {
          Token t = r.next(in);
          return t == null ? null : tok(r, in, t, r.array(), r.offset(), r.length(), r.number());
        }
        int n = r.read(in, (t, array, offset, length, number) -> {
          queue.add(tok(r, in, t, array, offset, length, number));
          return stopEvery == 0 || ++calls[1] % stopEvery != 0;
        });
        assertThat(n).isEqualTo(queue.size());
      }
      return queue.poll();
    };
  }

  /** Merges consecutive BODY_BYTES (feeds split them differently). */
  static List<Tok> normalize(List<Tok> toks) {
    List<Tok> out = new ArrayList<>();
    for (Tok t : toks) {
      if (t.kind == Token.BODY_BYTES && !out.isEmpty() && out.get(out.size() - 1).kind == Token.BODY_BYTES) {
        Tok p = out.remove(out.size() - 1);
        byte[] m = DecoderHarness.concat(p.bytes, t.bytes);
        out.add(new Tok(Token.BODY_BYTES, m, -1, t.depth));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  static List<Tok> tokens(byte[] wire) {
    return tokens(wire, ImapLimits.DEFAULTS);
  }

  static List<Tok> tokens(byte[] wire, ImapLimits limits) {
    try {
      Supplier<Decoder<Tok>> s = () -> copying(new ImapTokenReader(limits));
      List<Tok> whole = normalize(DecoderHarness.run(s.get(), wire, Feed.WHOLE).events());
      DecoderHarness.check(s, wire, ImapTokenReaderTest::normalize, whole, new byte[0]);
      for (int stopEvery : new int[] {0, 1, 3}) {
        DecoderHarness.check(() -> pushing(new ImapTokenReader(limits), stopEvery), wire, ImapTokenReaderTest::normalize, whole, new byte[0]);
      }
      return whole;
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
  }

  /** Writes tokens back as IMAP bytes: one space between values, quoted strings re-escaped, literals re-framed. */
  static byte[] serialize(List<Tok> toks) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    boolean space = false;
    Token prev = null;
    for (Tok t : toks) {
      if (t.kind == Token.LIST_OPEN && prev == Token.LIST_CLOSE) {
        space = t.spaceBefore; // THREAD and multipart bodies put lists side by side
      }
      prev = t.kind;
      switch (t.kind) {
        case START -> {
          o.writeBytes(t.bytes);
          space = true;
        }
        case ATOM, NUMBER, NIL -> {
          sep(o, space);
          o.writeBytes(t.bytes);
          space = true;
        }
        case QUOTED -> {
          sep(o, space);
          o.write('"');
          for (byte b : t.bytes) {
            if (b == '"' || b == '\\') {
              o.write('\\');
            }
            o.write(b);
          }
          o.write('"');
          space = true;
        }
        case LITERAL -> {
          sep(o, space);
          o.writeBytes(("{" + t.bytes.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
          o.writeBytes(t.bytes);
          space = true;
        }
        case BODY_BEGIN -> {
          sep(o, space);
          o.writeBytes(("{" + t.number + "}\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        case BODY_BYTES -> o.writeBytes(t.bytes);
        case BODY_END -> space = true;
        case LIST_OPEN, CODE_OPEN -> {
          sep(o, space);
          o.write(t.kind == Token.LIST_OPEN ? '(' : '[');
          space = false;
        }
        case LIST_CLOSE, CODE_CLOSE -> {
          o.write(t.kind == Token.LIST_CLOSE ? ')' : ']');
          space = true;
        }
        case TEXT -> {
          o.write(' ');
          o.writeBytes(t.bytes);
          space = true;
        }
        case END -> {
          o.writeBytes(new byte[] {'\r', '\n'});
          space = false;
        }
        case ERROR -> throw new AssertionError("no serialization for errors");
      }
    }
    return o.toByteArray();
  }

  private static void sep(ByteArrayOutputStream o, boolean space) {
    if (space) {
      o.write(' ');
    }
  }

  static List<Object> typed(byte[] wire, boolean strict) {
    List<Object> out = new ArrayList<>();
    for (Object e : Fx.events(strict ? Fx.strict() : Fx.lenient(), wire)) {
      out.add(e instanceof String s && s.startsWith("ERROR ") ? "ERROR" : e);
    }
    return out;
  }

  static Stream<Arguments> fixtureLines() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (String table : List.of("responses", "quirks", "failures")) {
      for (String line : GrammarFixturesTest.lines("fixtures/" + table + ".in")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(Arguments.of(table, line));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("fixtureLines")
  void sameContentAsTypedDecoder(String table, String line) {
    byte[] wire = GrammarFixturesTest.unescape(line);
    List<Tok> toks = tokens(wire);
    assertThat(toks).isNotEmpty();
    boolean lexicalError = toks.stream().anyMatch(t -> t.kind == Token.ERROR);
    if (lexicalError) {
      assertThat(typed(wire, true)).as("a lexical error is a strict error").contains("ERROR");
      assertThat(table).as("valid RFC responses tokenize").isNotEqualTo("responses");
      return;
    }
    assertThat(toks.get(0).kind).isEqualTo(Token.START);
    assertThat(toks.get(toks.size() - 1).kind).isEqualTo(Token.END);
    byte[] again = serialize(toks);
    assertThat(typed(again, false)).as(new String(again, StandardCharsets.UTF_8)).isEqualTo(typed(wire, false));
  }

  @Test
  void fetchHeaderSyncTokens() {
    byte[] wire = Fx.b("* 12 FETCH (UID 1001 FLAGS (\\Seen $Forwarded) ENVELOPE (\"Mon, 4 Mar 2024\" {5}\r\nS\"b j"
        + " ((\"A \\\"B\\\"\" NIL \"a\" \"example.com\")) NIL NIL NIL NIL NIL NIL \"<m@x>\") BODY[HEADER.FIELDS (DATE FROM)]<0> {4}\r\nab\r\n)\r\n"
        + "a1 OK [UIDNEXT 9] done\r\n");
    assertThat(tokens(wire).stream().map(Tok::toString).toList()).containsExactly(
        "START(*)", "NUMBER(12)#12", "ATOM(FETCH)", "LIST_OPEN(()", "ATOM(UID)", "NUMBER(1001)#1001",
        "ATOM(FLAGS)", "LIST_OPEN(()", "ATOM(\\Seen)", "ATOM($Forwarded)", "LIST_CLOSE())", "ATOM(ENVELOPE)",
        "LIST_OPEN(()", "QUOTED(Mon, 4 Mar 2024)", "LITERAL(S\"b j)", "LIST_OPEN(()", "LIST_OPEN(()",
        "QUOTED(A \"B\")", "NIL(NIL)", "QUOTED(a)", "QUOTED(example.com)", "LIST_CLOSE())", "LIST_CLOSE())",
        "NIL(NIL)", "NIL(NIL)", "NIL(NIL)", "NIL(NIL)", "NIL(NIL)", "NIL(NIL)", "QUOTED(<m@x>)", "LIST_CLOSE())",
        "ATOM(BODY[HEADER.FIELDS (DATE FROM)]<0>)", "BODY_BEGIN#4", "BODY_BYTES(ab\r\n)", "BODY_END", "LIST_CLOSE())", "END",
        "START(a1)", "ATOM(OK)", "CODE_OPEN([)", "ATOM(UIDNEXT)", "NUMBER(9)#9", "CODE_CLOSE(])", "TEXT(done)", "END");
  }

  @Test
  void depthAndKeywordMatching() throws Exception {
    ImapTokenReader r = new ImapTokenReader();
    InputBuffer in = new InputBuffer(64, 1024);
    in.write(Fx.b("* 3 fetch (flags (\\Seen))\r\n"));
    assertThat(r.next(in)).isEqualTo(Token.START);
    assertThat(r.next(in)).isEqualTo(Token.NUMBER);
    assertThat(r.number()).isEqualTo(3);
    assertThat(r.next(in)).isEqualTo(Token.ATOM);
    assertThat(r.is("FETCH")).isTrue();
    assertThat(r.is("FETCHX")).isFalse();
    assertThat(r.next(in)).isEqualTo(Token.LIST_OPEN);
    assertThat(r.depth()).isEqualTo(1);
    assertThat(r.next(in)).isEqualTo(Token.ATOM);
    assertThat(r.string()).isEqualTo("flags");
    assertThat(r.next(in)).isEqualTo(Token.LIST_OPEN);
    assertThat(r.depth()).isEqualTo(2);
    assertThat(r.next(in)).isEqualTo(Token.ATOM);
    assertThat(r.is("\\SEEN")).isTrue();
    assertThat(r.next(in)).isEqualTo(Token.LIST_CLOSE);
    assertThat(r.next(in)).isEqualTo(Token.LIST_CLOSE);
    assertThat(r.depth()).isZero();
    assertThat(r.next(in)).isEqualTo(Token.END);
    assertThat(r.next(in)).isNull();
    assertThat(in.readable()).isZero();
  }

  @Test
  void errorsSkipTheResponseAndResynchronise() {
    String next = "a2 OK fine\r\n";
    List<String> expectNext = List.of("START(a2)", "ATOM(OK)", "TEXT(fine)", "END");
    for (String bad : List.of(
        "* 1 FETCH (UID 1\r\n",
        "* 1 FETCH (BODY[1 {3}\r\nabc)\r\n",
        "* OK [CODE without close\r\n",
        "* LIST () \"/\" \"open {3}\r\nabc\r\n",
        "* 1 FETCH (UID 1))\r\n",
        "(garbage\r\n",
        "\r\n",
        "* SEARCH 1\u0001 2\r\n")) {
      List<String> got = tokens(Fx.b(bad + next)).stream().map(Tok::toString).toList();
      assertThat(got).as(bad).contains("ERROR").endsWith(expectNext.toArray(new String[0]));
      assertThat(got.indexOf("ERROR")).as(bad).isEqualTo(got.size() - expectNext.size() - 1);
    }
  }

  @Test
  void limitsAreErrorsAndTheStreamCarriesOn() throws Exception {
    ImapLimits small = ImapLimits.DEFAULTS.withMaxLineLength(32).withMaxLiteralSize(8).withMaxDepth(3);
    String next = "a2 OK fine\r\n";
    for (String[] c : new String[][] {
        {"* SEARCH 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\r\n", "maxLineLength"},
        {"* LIST () \"/\" {12}\r\nabcdefghijkl\r\n", "maxLiteralSize"},
        {"* X ((((1))))\r\n", "maxDepth"},
        {"* X {40}\r\n" + "x".repeat(40) + " {2}\r\nab\r\n", "maxLiteralSize"}}) {
      List<Tok> got = tokens(Fx.b(c[0] + next), small);
      assertThat(got.stream().map(Tok::toString).toList()).as(c[0])
          .contains("ERROR").endsWith("START(a2)", "ATOM(OK)", "TEXT(fine)", "END");
      ImapTokenReader r = new ImapTokenReader(small);
      InputBuffer in = new InputBuffer(64, 4096);
      in.write(Fx.b(c[0]));
      Token t;
      while ((t = r.next(in)) != Token.ERROR) {
        assertThat(t).as(c[0]).isNotNull();
      }
      assertThat(r.error()).isInstanceOf(LimitExceededException.class);
      assertThat(((LimitExceededException) r.error()).limitName()).isEqualTo(c[1]);
    }
  }

  @Test
  void bodyLiteralsStreamOnlyInFetch() {
    List<String> fetch = tokens(Fx.b("* 1 FETCH (RFC822.TEXT {2}\r\nhi BINARY[1] ~{1}\r\nx)\r\n")).stream().map(Tok::toString).toList();
    assertThat(fetch).containsSubsequence("ATOM(RFC822.TEXT)", "BODY_BEGIN#2", "BODY_BYTES(hi)", "BODY_END",
        "ATOM(BINARY[1])", "BODY_BEGIN#1", "BODY_BYTES(x)", "BODY_END", "LIST_CLOSE())", "END");
    List<String> other = tokens(Fx.b("* 1 XFETCH (BODY[] {2}\r\nhi)\r\n")).stream().map(Tok::toString).toList();
    assertThat(other).contains("LITERAL(hi)").doesNotContain("BODY_BEGIN#2");
  }

  @Test
  void streamsALargeBodyThroughASmallBuffer() throws Exception {
    int size = 100_000;
    byte[] head = Fx.b("* 7 FETCH (UID 9 BODY[] {" + size + "}\r\n");
    ImapTokenReader r = new ImapTokenReader();
    InputBuffer in = new InputBuffer(256, 256);
    long got = 0;
    int fed = 0;
    byte[] all = DecoderHarness.concat(DecoderHarness.concat(head, new byte[size]), Fx.b(")\r\n"));
    List<Token> kinds = new ArrayList<>();
    while (true) {
      Token t = r.next(in);
      if (t == null) {
        if (fed == all.length) {
          break;
        }
        int n = Math.min(200 - in.readable() > 0 ? 200 - in.readable() : 0, all.length - fed);
        in.write(all, fed, n);
        fed += n;
        continue;
      }
      if (t == Token.BODY_BYTES) {
        got += r.length();
      } else {
        kinds.add(t);
      }
    }
    assertThat(got).isEqualTo(size);
    assertThat(kinds).containsExactly(Token.START, Token.NUMBER, Token.ATOM, Token.LIST_OPEN, Token.ATOM, Token.NUMBER,
        Token.ATOM, Token.BODY_BEGIN, Token.BODY_END, Token.LIST_CLOSE, Token.END);
  }

  @Test
  void readingTokensAllocatesNothingInSteadyState() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      sb.append("* ").append(i).append(" FETCH (UID ").append(1000 + i)
          .append(" FLAGS (\\Seen) ENVELOPE (\"d\" {4}\r\nsubj (( \"N \\\"x\\\"\" NIL \"m\" \"h\")) NIL NIL NIL NIL NIL NIL \"<id>\")")
          .append(" BODY[TEXT] {3}\r\nabc)\r\n");
    }
    byte[] corpus = Fx.b(sb.toString());
    ImapTokenReader r = new ImapTokenReader();
    InputBuffer in = new InputBuffer(corpus.length, corpus.length);
    long sum = walk(r, in, corpus); // warm up, grows nothing afterwards
    // java.management is not read by the module under test: reach the MXBean reflectively
    Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    java.lang.reflect.Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    long before = (Long) allocated.invoke(mx, id);
    long[] sums = new long[20];
    for (int k = 0; k < 20; k++) {
      sums[k] = walk(r, in, corpus);
    }
    long perResponse = ((Long) allocated.invoke(mx, id) - before) / (20 * 200);
    for (long s : sums) {
      assertThat(s).isEqualTo(sum);
    }
    assertThat(perResponse).isLessThan(8);

    Summing h = new Summing();
    assertThat(push(r, in, corpus, h)).as("the push form sees the same tokens").isEqualTo(sum);
    before = (Long) allocated.invoke(mx, id);
    for (int k = 0; k < 20; k++) {
      sums[k] = push(r, in, corpus, h);
    }
    perResponse = ((Long) allocated.invoke(mx, id) - before) / (20 * 200);
    for (long s : sums) {
      assertThat(s).isEqualTo(sum);
    }
    assertThat(perResponse).isLessThan(8);
  }

  /** The sum {@link #walk} makes, from the push form. */
  private static final class Summing implements ImapTokenReader.Handler {
    long sum;

    @Override
    public boolean token(Token t, byte[] array, int offset, int length, long number) {
      if (t == Token.ERROR) {
        throw new AssertionError("unexpected error");
      }
      sum += t.ordinal() + length + (length > 0 ? array[offset] : 0);
      return true;
    }
  }

  private static long push(ImapTokenReader r, InputBuffer in, byte[] corpus, Summing h) throws Exception {
    in.write(corpus);
    h.sum = 0;
    while (r.read(in, h) > 0) {
      // the handler sums
    }
    assertThat(in.readable()).isZero();
    return h.sum;
  }

  private static long walk(ImapTokenReader r, InputBuffer in, byte[] corpus) throws Exception {
    in.write(corpus);
    long sum = 0;
    Token t;
    while ((t = r.next(in)) != null) {
      if (t == Token.ERROR) {
        throw new AssertionError(r.error());
      }
      sum += t.ordinal() + r.length() + (r.length() > 0 ? r.array()[r.offset()] : 0);
    }
    return sum;
  }
}

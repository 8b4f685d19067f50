package org.mailwire.activesync.wbxml;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.mailwire.activesync.internal.Utf8;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Fuzzes {@link WbxmlReader} with arbitrary bytes, fed in arbitrary splits under arbitrary options:
 * it must throw nothing but {@link ProtocolException}, produce a bounded number of events, and keep
 * its promises (well-nested events, chunk sizes, OPAQUE lengths, UTF-8 text) while it succeeds.
 *
 * <p>Runs its seeds (src/test/resources/.../WbxmlReaderFuzzTestInputs) in every {@code mvn test};
 * fuzzes for real with {@code JAZZER_FUZZ=1}.
 */
class WbxmlReaderFuzzTest {

  @FuzzTest(maxDuration = "3m")
  void readerThrowsOnlyProtocolException(FuzzedDataProvider data) {
    WbxmlReader.Options options = WbxmlReader.Options.DEFAULTS
        .withStrict(data.consumeBoolean())
        .withReplaceMalformedUtf8(data.consumeBoolean())
        .withMaxInlineTextLength(data.consumeInt(0, 64))
        .withChunkSize(data.consumeInt(4, 64))
        .withMaxDepth(data.consumeInt(1, 80))
        .withMaxOpaqueLength(data.consumeLong(0, 1 << 20))
        .withMaxTextLength(data.consumeLong(0, 1 << 20));
    int split = data.consumeInt(1, 32);
    byte[] input = data.consumeRemainingAsBytes();
    check(options, input, split);
  }

  /**
   * Feeds {@code input} in pieces of {@code split} bytes and checks the reader's promises.
   *
   * @return whether a complete document was read ({@code false}: a ProtocolException)
   */
  static boolean check(WbxmlReader.Options options, byte[] input, int split) {
    WbxmlReader reader = new WbxmlReader(options);
    InputBuffer in = new InputBuffer(16, input.length + options.maxInlineTextLength() + 64);
    long maxEvents = 3L * input.length + 8;
    long events = 0;
    Deque<Integer> open = new ArrayDeque<>();
    long opaqueLeft = -1;
    boolean inText = false;
    boolean ended = false;
    try {
      int off = 0;
      do {
        int n = Math.min(split, input.length - off);
        in.write(input, off, n);
        off += n;
        WbxmlEvent e;
        while ((e = reader.decode(in)) != null) {
          if (++events > maxEvents) {
            throw new AssertionError("more events than input bytes allow: " + events);
          }
          if (ended) {
            throw new AssertionError("event after EndDocument: " + e);
          }
          if (e instanceof WbxmlEvent.StartTag s) {
            require(opaqueLeft < 0 && !inText, "start tag inside OPAQUE or text");
            require(s.token() >= 5 && s.token() <= 0x3F, "token out of range");
            require(s.tag() == null ? !options.strict() : s.tag().page() == s.page(), "tag");
            open.push(s.page() << 8 | s.token());
            require(open.size() <= options.maxDepth(), "depth over the limit");
          } else if (e instanceof WbxmlEvent.EndTag t) {
            require(!open.isEmpty() && open.pop() == (t.page() << 8 | t.token()), "unmatched end");
          } else if (e instanceof WbxmlEvent.Text t) {
            require(!open.isEmpty(), "text outside an element");
            int bound = options.maxInlineTextLength() * (options.replaceMalformedUtf8() ? 3 : 1);
            require(t.text().getBytes(StandardCharsets.UTF_8).length <= bound,
                "inline text too long");
          } else if (e instanceof WbxmlEvent.TextBegin) {
            inText = true;
          } else if (e instanceof WbxmlEvent.TextChunk c) {
            int bound = options.chunkSize() * (options.replaceMalformedUtf8() ? 3 : 1);
            require(inText && c.utf8().length > 0 && c.utf8().length <= bound, "text chunk size");
            require(Utf8.firstMalformed(c.utf8(), 0, c.utf8().length) < 0, "malformed chunk");
          } else if (e instanceof WbxmlEvent.TextEnd) {
            require(inText, "text end without begin");
            inText = false;
          } else if (e instanceof WbxmlEvent.OpaqueBegin b) {
            require(b.length() >= 0 && b.length() <= options.maxOpaqueLength(), "opaque length");
            opaqueLeft = b.length();
          } else if (e instanceof WbxmlEvent.OpaqueChunk c) {
            require(c.data().length > 0 && c.data().length <= options.chunkSize()
                && c.data().length <= opaqueLeft, "opaque chunk size");
            opaqueLeft -= c.data().length;
          } else if (e instanceof WbxmlEvent.OpaqueEnd) {
            require(opaqueLeft == 0, "opaque ended early");
            opaqueLeft = -1;
          } else if (e instanceof WbxmlEvent.EndDocument) {
            require(open.isEmpty() && reader.isComplete(), "end of document while open");
            ended = true;
          }
        }
      } while (off < input.length);
      reader.endOfInput();
      require(ended, "endOfInput accepted an unfinished document");
      require(reader.depth() == 0, "depth after the end");
      return true;
    } catch (ProtocolException expected) {
      // malformed input: the one permitted failure
      require(expected.getMessage() != null && expected.offset() <= input.length, "offset");
      return false;
    }
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  /**
   * Regression for the first fuzzing finding: with malformed UTF-8 replaced by U+FFFD, a streamed
   * text chunk grows past {@code chunkSize} (three bytes out for each malformed byte in). The
   * reader was right; the promise was wrong and now says so. Input kept as
   * crash-replacement-expands-text-chunk.
   */
  @org.junit.jupiter.api.Test
  void fuzzFindingReplacementExpandsTextChunks() throws Exception {
    byte[] input;
    try (var s = getClass().getResourceAsStream(
        "WbxmlReaderFuzzTestInputs/readerThrowsOnlyProtocolException/"
            + "crash-replacement-expands-text-chunk")) {
      input = s.readAllBytes();
    }
    org.assertj.core.api.Assertions.assertThat(check(
        WbxmlReader.Options.DEFAULTS.withReplaceMalformedUtf8(true).withMaxInlineTextLength(8)
            .withChunkSize(4), input, 3)).isTrue();
    byte[] doc = Events.hex("03 01 6a 00 00 07 56 52 03 61 ed ed ed ed ff 62 00 01 01");
    WbxmlReader.Options replacing = WbxmlReader.Options.DEFAULTS.withReplaceMalformedUtf8(true)
        .withMaxInlineTextLength(2).withChunkSize(4);
    org.assertj.core.api.Assertions.assertThat(Events.read(doc, replacing))
        .contains("longtext:a\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDb");
    for (int split = 1; split <= doc.length; split++) {
      org.assertj.core.api.Assertions.assertThat(check(replacing, doc, split)).isTrue();
    }
  }

  /**
   * Regression for the second fuzzing finding, the same effect on a short string: with
   * replacement, an inline {@link WbxmlEvent.Text} may be longer in UTF-8 than {@code
   * maxInlineTextLength}, which bounds the input bytes. Input kept as
   * crash-replacement-expands-inline-text.
   */
  @org.junit.jupiter.api.Test
  void fuzzFindingReplacementExpandsInlineText() throws Exception {
    byte[] input;
    try (var s = getClass().getResourceAsStream(
        "WbxmlReaderFuzzTestInputs/readerThrowsOnlyProtocolException/"
            + "crash-replacement-expands-inline-text")) {
      input = s.readAllBytes();
    }
    for (int split : new int[] {1, 2, 5, input.length}) {
      check(WbxmlReader.Options.DEFAULTS.withReplaceMalformedUtf8(true), input, split);
    }
    WbxmlReader.Options replacing = WbxmlReader.Options.DEFAULTS.withReplaceMalformedUtf8(true)
        .withMaxInlineTextLength(4);
    byte[] doc = Events.hex("03 01 6a 00 00 07 56 52 03 ff fe fd fc 00 01 01");
    org.assertj.core.api.Assertions.assertThat(Events.read(doc, replacing))
        .contains("text:\uFFFD\uFFFD\uFFFD\uFFFD");
    org.assertj.core.api.Assertions.assertThat(check(replacing, doc, 1)).isTrue();
  }

  /** Crash-free smoke of a known-good document through every split; keeps {@link #check} honest. */
  @org.junit.jupiter.api.Test
  void validDocumentPassesTheChecksInEverySplit() {
    byte[] doc = Events.hex(WbxmlReaderTest.SPEC_EXAMPLE);
    for (int split = 1; split <= doc.length; split++) {
      org.assertj.core.api.Assertions.assertThat(check(
          WbxmlReader.Options.DEFAULTS.withMaxInlineTextLength(3).withChunkSize(4), doc, split))
          .as("split " + split).isTrue();
    }
    // a truncated document ends in a ProtocolException, not in a completed read
    byte[] cut = Arrays.copyOf(doc, doc.length - 1);
    org.assertj.core.api.Assertions.assertThat(check(WbxmlReader.Options.DEFAULTS, cut, 7)).isFalse();
  }
}

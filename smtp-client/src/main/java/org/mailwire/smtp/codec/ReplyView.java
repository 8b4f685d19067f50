package org.mailwire.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mailwire.transport.bytes.Ascii;

/**
 * A reusable, allocation-free view of the last reply a {@link ReplyDecoder} decoded: the code, the
 * enhanced status code as numbers, and the text of each line as index ranges into {@link
 * #array()}.
 *
 * <p>The view points into the decoder's {@link org.mailwire.transport.bytes.InputBuffer}: it is
 * valid until bytes are next written to that buffer (which may move or overwrite them). Call
 * {@link #toReply()} to keep an immutable copy.
 *
 * <pre>{@code
 * ReplyView v = new ReplyView();
 * if (decoder.decode(in, v)) {
 *   if (v.code() == 250) { ... v.array(), v.textStart(0), v.textEnd(0) ... }
 * }
 * }</pre>
 */
public final class ReplyView {
  byte[] array;
  int start;
  int end;
  int code;
  int enhancedClass;
  int enhancedSubject;
  int enhancedDetail;
  int lineCount;
  int[] textStart = new int[8];
  int[] textEnd = new int[8];

  /** An empty view; {@link #code()} is 0 until a decoder fills it. */
  public ReplyView() {}

  /** The array holding the reply's bytes. */
  public byte[] array() {
    return array;
  }

  /** The index of the reply's first byte (the first code digit) in {@link #array()}. */
  public int start() {
    return start;
  }

  /** The index just past the reply's last line end in {@link #array()}. */
  public int end() {
    return end;
  }

  /** The three-digit reply code, or 0 before the first decode. */
  public int code() {
    return code;
  }

  /** 2yz: the command succeeded. */
  public boolean isPositiveCompletion() {
    return code / 100 == 2;
  }

  /** 3yz: the server waits for more (354, 334). */
  public boolean isPositiveIntermediate() {
    return code / 100 == 3;
  }

  /** 4yz: transient failure. */
  public boolean isTransientFailure() {
    return code / 100 == 4;
  }

  /** 5yz: permanent failure. */
  public boolean isPermanentFailure() {
    return code / 100 == 5;
  }

  /** Whether the first line carried an RFC 3463 enhanced status code. */
  public boolean hasEnhancedStatus() {
    return enhancedClass != 0;
  }

  /** The enhanced code's class (2, 4, 5), or 0 when absent. */
  public int enhancedClass() {
    return enhancedClass;
  }

  /** The enhanced code's subject, or -1 when absent. */
  public int enhancedSubject() {
    return enhancedClass == 0 ? -1 : enhancedSubject;
  }

  /** The enhanced code's detail, or -1 when absent. */
  public int enhancedDetail() {
    return enhancedClass == 0 ? -1 : enhancedDetail;
  }

  /** The enhanced status code as a new object, or {@code null} when absent. */
  public EnhancedStatus enhancedStatus() {
    return enhancedClass == 0
        ? null
        : new EnhancedStatus(enhancedClass, enhancedSubject, enhancedDetail);
  }

  /** The number of lines (at least 1 once decoded). */
  public int lineCount() {
    return lineCount;
  }

  /**
   * The index in {@link #array()} where line {@code i}'s text starts (after the code, the
   * separator and the enhanced status code).
   *
   * @throws IndexOutOfBoundsException when {@code i} is not a line index
   */
  public int textStart(int i) {
    checkLine(i);
    return textStart[i];
  }

  /** The index in {@link #array()} just past line {@code i}'s text (before its line end). */
  public int textEnd(int i) {
    checkLine(i);
    return textEnd[i];
  }

  /** Line {@code i}'s text length in bytes. */
  public int textLength(int i) {
    checkLine(i);
    return textEnd[i] - textStart[i];
  }

  /** Whether line {@code i}'s text starts with {@code upperKeyword}, ignoring ASCII case. */
  public boolean textStartsWith(int i, byte[] upperKeyword) {
    checkLine(i);
    return Ascii.startsWithIgnoreCase(array, textStart[i], textEnd[i], upperKeyword);
  }

  /** Line {@code i}'s text as a string (UTF-8, malformed bytes replaced). */
  public String text(int i) {
    checkLine(i);
    return new String(array, textStart[i], textEnd[i] - textStart[i], StandardCharsets.UTF_8);
  }

  /** An immutable copy of this reply. */
  public Reply toReply() {
    String[] lines = new String[lineCount];
    for (int i = 0; i < lineCount; i++) {
      lines[i] = text(i);
    }
    return new Reply(code, enhancedStatus(), Arrays.asList(lines));
  }

  private void checkLine(int i) {
    if (i < 0 || i >= lineCount) {
      throw new IndexOutOfBoundsException("line " + i + " of " + lineCount);
    }
  }

  void ensureLines(int n) {
    if (textStart.length < n) {
      int cap = Math.max(n, textStart.length * 2);
      textStart = Arrays.copyOf(textStart, cap);
      textEnd = Arrays.copyOf(textEnd, cap);
    }
  }

  @Override
  public String toString() {
    return lineCount == 0 ? "ReplyView[empty]" : toReply().toString();
  }
}

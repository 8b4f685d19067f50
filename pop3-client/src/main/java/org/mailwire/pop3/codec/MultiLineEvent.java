package org.mailwire.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What {@link MultiLineDecoder#decode} returns while streaming a multi-line response body: {@link
 * Chunk}s of unstuffed body bytes, then one {@link End}.
 */
public sealed interface MultiLineEvent {
  /**
   * A run of body bytes, dot-stuffing removed, line ends as the server sent them. Chunk borders
   * are arbitrary: a line may span chunks.
   *
   * @param bytes the bytes (owned by this event)
   */
  record Chunk(byte[] bytes) implements MultiLineEvent {
    /** Returns the bytes as ISO-8859-1 text, for tests and diagnostics. */
    @Override
    public String toString() {
      return "Chunk[" + new String(bytes, StandardCharsets.ISO_8859_1) + "]";
    }

    /** Returns whether {@code o} is a chunk with the same bytes. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Chunk c && Arrays.equals(bytes, c.bytes);
    }

    /** Returns a hash of the bytes. */
    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  /** The terminating {@code .} line was consumed: the body is complete. */
  record End() implements MultiLineEvent {
    /** The one instance. */
    public static final End INSTANCE = new End();
  }
}

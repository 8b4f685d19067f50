package org.mailwire.imap.codec;

import java.util.Arrays;
import org.mailwire.transport.ProtocolException;

/**
 * One event decoded from the server's stream by {@link ImapResponseDecoder}: a complete {@link
 * Response}, a piece of a streamed body section ({@link BodyBegin}, {@link BodyBytes}, {@link
 * BodyEnd}), or a {@link ResponseError} for a response that could not be parsed (the decoder
 * carries on with the next one).
 *
 * <p>A FETCH response that carries body sections ({@code BODY[...]}, {@code BINARY[...]}, {@code
 * RFC822}, {@code RFC822.HEADER}, {@code RFC822.TEXT}) is delivered as begin / bytes / end events
 * for each section, in order, followed by the complete {@link UntaggedData.Fetch} whose {@link
 * FetchItem.Body} items give the section and size but hold no bytes.
 */
public sealed interface ImapEvent
    permits Response, ImapEvent.BodyBegin, ImapEvent.BodyBytes, ImapEvent.BodyEnd, ImapEvent.ResponseError {

  /**
   * A body section starts.
   *
   * @param sequence the message sequence number of the FETCH response
   * @param section which section, as the server named it
   * @param size the number of bytes that follow as {@link BodyBytes}, or {@code -1} for {@code NIL}
   */
  record BodyBegin(long sequence, BodySection section, long size) implements ImapEvent {}

  /**
   * Bytes of the body section in progress: a view of the decoder's input buffer, valid only until
   * the next call to {@link ImapResponseDecoder#decode} or the next write into the buffer. Copy
   * ({@link #copy()}) or write out what you need before that.
   *
   * @param array the backing array (not a copy)
   * @param offset the first byte
   * @param length the number of bytes
   */
  record BodyBytes(byte[] array, int offset, int length) implements ImapEvent {
    /** A copy of the viewed bytes. */
    public byte[] copy() {
      return Arrays.copyOfRange(array, offset, offset + length);
    }

    @Override
    public String toString() {
      return "BodyBytes[" + length + "]";
    }
  }

  /**
   * The body section in progress is complete.
   *
   * @param sequence the message sequence number of the FETCH response
   * @param section the section that ended
   */
  record BodyEnd(long sequence, BodySection section) implements ImapEvent {}

  /**
   * A response the decoder could not parse, or one over a limit. The decoder has consumed the whole
   * response (its line and literals) and continues with the next; the session decides what that
   * means (a malformed tagged response usually ends the connection).
   *
   * @param tag the response's tag when it could be read ({@code "*"} for untagged, {@code "+"} for
   *     a continuation), else {@code null}
   * @param error what was wrong, with the stream offset and an escaped excerpt
   * @param raw the first bytes of the raw response (at most {@link ImapLimits#maxErrorBytes()})
   * @param rawLength the full length of the raw response in bytes (streamed or skipped bytes
   *     included)
   */
  record ResponseError(String tag, ProtocolException error, byte[] raw, long rawLength)
      implements ImapEvent {
    @Override
    public boolean equals(Object o) {
      return o instanceof ResponseError r
          && java.util.Objects.equals(tag, r.tag)
          && Arrays.equals(raw, r.raw)
          && rawLength == r.rawLength
          && java.util.Objects.equals(error.getMessage(), r.error.getMessage());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(raw) * 31 + Long.hashCode(rawLength);
    }

    @Override
    public String toString() {
      return "ResponseError[tag=" + tag + ", error=" + error.getMessage() + ", rawLength=" + rawLength + "]";
    }
  }
}

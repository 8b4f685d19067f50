package org.mailwire.activesync.wbxml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One event of a WBXML document, as {@link WbxmlReader} reports it. Events are immutable facts.
 *
 * <p>A document reads as a well-nested sequence: every {@link StartTag} is matched by an {@link
 * EndTag} (also for an element written without the content bit), text arrives as one {@link Text}
 * or, when longer than {@link WbxmlReader.Options#maxInlineTextLength()}, as {@link TextBegin},
 * {@link TextChunk}s and {@link TextEnd}; OPAQUE data always arrives as {@link OpaqueBegin}, {@link
 * OpaqueChunk}s and {@link OpaqueEnd}. The last event is {@link EndDocument}.
 */
public sealed interface WbxmlEvent {

  /**
   * An element starts.
   *
   * @param page the code page in force when the tag was read
   * @param token the token without the content bit (0x05 to 0x3F)
   * @param tag the tag, or {@code null} when the page defines no such token (reported only when
   *     the reader is not {@linkplain WbxmlReader.Options#strict() strict})
   * @param hasContent whether the tag carried the content bit (0x40); an element without it is
   *     followed at once by its {@link EndTag}
   */
  record StartTag(int page, int token, Tag tag, boolean hasContent) implements WbxmlEvent {
    /** Returns whether the code page defines this token. */
    public boolean known() {
      return tag != null;
    }

    /** Returns {@code true} when this start tag is the given tag. */
    public boolean is(Tag other) {
      return tag == other;
    }

    @Override
    public String toString() {
      return "Start(" + describe(page, token, tag) + (hasContent ? "" : ", empty") + ")";
    }
  }

  /**
   * An element ends.
   *
   * @param page the code page of the element that ends
   * @param token its token
   * @param tag its tag, or {@code null} when unknown
   */
  record EndTag(int page, int token, Tag tag) implements WbxmlEvent {
    @Override
    public String toString() {
      return "End(" + describe(page, token, tag) + ")";
    }
  }

  /**
   * An inline string (STR_I) short enough to be delivered whole.
   *
   * @param text the decoded text (never {@code null}, may be empty)
   */
  record Text(String text) implements WbxmlEvent {
    @Override
    public String toString() {
      return "Text(\"" + text + "\")";
    }
  }

  /** A long inline string starts; {@link TextChunk}s and a {@link TextEnd} follow. */
  record TextBegin() implements WbxmlEvent {}

  /**
   * A piece of a long inline string: well-formed UTF-8 bytes that end on a character boundary.
   *
   * @param utf8 the bytes (the event owns this array)
   */
  record TextChunk(byte[] utf8) implements WbxmlEvent {
    /** Returns the chunk decoded as text. */
    public String text() {
      return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TextChunk t && Arrays.equals(utf8, t.utf8);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
      return "TextChunk(" + utf8.length + " bytes)";
    }
  }

  /** A long inline string ends. */
  record TextEnd() implements WbxmlEvent {}

  /**
   * OPAQUE data starts; {@link OpaqueChunk}s carrying exactly {@code length} bytes and an {@link
   * OpaqueEnd} follow.
   *
   * @param length the number of bytes, from the OPAQUE length prefix
   */
  record OpaqueBegin(long length) implements WbxmlEvent {}

  /**
   * A piece of OPAQUE data.
   *
   * @param data the bytes (the event owns this array; never empty)
   */
  record OpaqueChunk(byte[] data) implements WbxmlEvent {
    @Override
    public boolean equals(Object o) {
      return o instanceof OpaqueChunk c && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "OpaqueChunk(" + data.length + " bytes)";
    }
  }

  /** OPAQUE data ends. */
  record OpaqueEnd() implements WbxmlEvent {}

  /** The root element has ended; nothing after it belongs to the document. */
  record EndDocument() implements WbxmlEvent {}

  private static String describe(int page, int token, Tag tag) {
    if (tag != null) {
      return tag.toString();
    }
    return "page " + page + " unknown token 0x" + Integer.toHexString(token);
  }
}

package org.mailwire.transport;

import org.mailwire.transport.internal.Excerpt;

/**
 * The server sent data that does not follow the protocol. After this exception the connection is
 * unusable: the client that threw it has closed it, or says so in the message.
 *
 * <p>It carries the offset of the offending byte in the server's stream (counted from the first
 * byte received on the connection, or from the start of the input the decoder was given, {@code -1}
 * when unknown) and a short, printable excerpt of the bytes around it. The excerpt is at most
 * {@link #MAX_EXCERPT} bytes, escaped ({@code \r}, {@code \n}, {@code \xNN}), and never contains
 * bytes a client marked as secret.
 */
public class ProtocolException extends MailwireException {
  private static final long serialVersionUID = 1L;

  /** The largest number of raw bytes an excerpt shows. */
  public static final int MAX_EXCERPT = 64;

  private final long offset;
  private final String excerpt;

  /**
   * @param message what was expected and what was found
   * @param offset the stream offset of the offending byte, or {@code -1}
   * @param data the buffer that holds the offending bytes (may be {@code null})
   * @param from the first byte of the excerpt in {@code data}
   * @param to one past the last byte of the excerpt in {@code data}; at most {@link #MAX_EXCERPT}
   *     bytes are kept
   */
  public ProtocolException(String message, long offset, byte[] data, int from, int to) {
    this(message, offset, data == null ? "" : Excerpt.of(data, from, to, MAX_EXCERPT));
  }

  /** An exception with an already rendered (bounded, escaped) excerpt. */
  public ProtocolException(String message, long offset, String excerpt) {
    super(format(message, offset, excerpt));
    this.offset = offset;
    this.excerpt = excerpt == null ? "" : excerpt;
  }

  /** An exception with no excerpt and no known offset. */
  public ProtocolException(String message) {
    this(message, -1, "");
  }

  private static String format(String message, long offset, String excerpt) {
    StringBuilder sb = new StringBuilder(message);
    if (offset >= 0) {
      sb.append(" at offset ").append(offset);
    }
    if (excerpt != null && !excerpt.isEmpty()) {
      sb.append(": \"").append(excerpt).append('"');
    }
    return sb.toString();
  }

  /** The offset of the offending byte in the server's stream, or {@code -1} when unknown. */
  public long offset() {
    return offset;
  }

  /** A printable, escaped excerpt of at most {@link #MAX_EXCERPT} raw bytes; may be empty. */
  public String excerpt() {
    return excerpt;
  }
}

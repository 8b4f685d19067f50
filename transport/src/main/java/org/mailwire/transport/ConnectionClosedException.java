package org.mailwire.transport;

/**
 * The peer closed the connection while the client still expected data: in the middle of a line, a
 * literal, a multi-line response or a body. Whatever was partly received is not returned as if it
 * were whole.
 */
public class ConnectionClosedException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  /**
   * @param message what the client was waiting for
   * @param offset the number of bytes received on the connection before it closed, or {@code -1}
   */
  public ConnectionClosedException(String message, long offset) {
    super(offset >= 0 ? message + " (connection closed after " + offset + " bytes)" : message);
    this.offset = offset;
  }

  /** The number of bytes received before the close, or {@code -1} when unknown. */
  public long offset() {
    return offset;
  }
}

package org.mailwire.transport;

/**
 * The server sent more than a configured limit allows (a line longer than the line limit, a
 * literal larger than the literal limit, too deeply nested data, ...). The limit is checked before
 * anything of that size is allocated. Like every {@link ProtocolException}, the connection is then
 * unusable.
 */
public class LimitExceededException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  private final String limitName;
  private final long limit;

  /**
   * @param limitName the option that sets the limit, e.g. {@code "maxLineLength"}
   * @param limit the limit in force
   * @param offset the stream offset where the data over the limit begins, or {@code -1}
   * @param data the buffer holding the start of the data (may be {@code null})
   * @param from first byte of the excerpt in {@code data}
   * @param to one past the last byte of the excerpt in {@code data}
   */
  public LimitExceededException(
      String limitName, long limit, long offset, byte[] data, int from, int to) {
    super(limitName + " (" + limit + ") exceeded", offset, data, from, to);
    this.limitName = limitName;
    this.limit = limit;
  }

  /** The name of the option that sets the limit. */
  public String limitName() {
    return limitName;
  }

  /** The limit in force when the data exceeded it. */
  public long limit() {
    return limit;
  }
}

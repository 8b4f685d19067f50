package org.mailwire.pop3;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where {@link DownloadAndDelete} and {@link UidlSync} put messages: the caller's store.
 *
 * <p>The contract that makes deletion safe: read {@code message} to its end (until {@code read}
 * returns {@code -1}), store it durably, and only then return {@code true}. A message is deleted
 * from the server only when both happened: the stream reached the POP3 terminator through the
 * sink's own reads, and the sink returned {@code true}.
 */
@FunctionalInterface
public interface MessageSink {
  /**
   * Stores one message.
   *
   * @param info the message's number, size and unique id
   * @param message the message bytes (dot-stuffing removed, CRLF line ends)
   * @return {@code true} once the whole message is durably stored; {@code false} to keep it on the
   *     server
   * @throws IOException if storing failed: the message is kept on the server and the run goes on
   *     with the next one (unless the failure was the connection's)
   */
  boolean store(MessageInfo info, InputStream message) throws IOException;
}

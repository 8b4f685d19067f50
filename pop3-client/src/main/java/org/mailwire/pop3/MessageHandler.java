package org.mailwire.pop3;

import java.io.IOException;
import java.io.InputStream;

/** Receives messages retrieved by {@link Pop3Client#retrieveEach}. */
@FunctionalInterface
public interface MessageHandler {
  /**
   * Handles one message while it streams in.
   *
   * @param messageNumber the message number
   * @param message the message (dot-stuffing removed, CRLF line ends); it ends at the POP3
   *     terminator and throws {@link org.mailwire.transport.ConnectionClosedException} if the
   *     connection closes first. Unread bytes are skipped after the handler returns.
   * @throws IOException to stop: the remaining replies are drained and the exception rethrown
   */
  void handle(int messageNumber, InputStream message) throws IOException;
}

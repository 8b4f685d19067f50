package org.mailwire.transport;

import java.io.IOException;

/**
 * The root of every checked exception mailwire throws. It extends {@link IOException} so that
 * code which already handles I/O failures handles ours too.
 *
 * <p>The subclasses are separate on purpose:
 *
 * <ul>
 *   <li>{@link ProtocolException}: the server sent something malformed (with {@link
 *       LimitExceededException} for data over a configured limit); the connection is unusable.
 *   <li>{@link CommandException}: the server understood and refused; the connection is usable.
 *   <li>{@link TransportException}: I/O failure, timeout, or the peer closed the connection.
 * </ul>
 *
 * <p>API misuse is not a {@code MailwireException}: it throws {@link IllegalStateException} or
 * {@link IllegalArgumentException}.
 */
public abstract class MailwireException extends IOException {
  private static final long serialVersionUID = 1L;

  protected MailwireException(String message) {
    super(message);
  }

  protected MailwireException(String message, Throwable cause) {
    super(message, cause);
  }
}

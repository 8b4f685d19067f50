package org.mailwire.transport;

/**
 * A connect or read did not complete within its timeout ({@link Endpoint#connectTimeout()},
 * {@link Endpoint#readTimeout()}). The protocol clients treat this as fatal and close the
 * connection, since the server's position in the exchange is unknown.
 */
public class TransportTimeoutException extends TransportException {
  private static final long serialVersionUID = 1L;

  public TransportTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.mailwire.transport;

/**
 * The connection failed: the host could not be reached, the TLS handshake failed (an untrusted
 * certificate, a certificate for another host), a read or write failed, or the peer closed the
 * connection. See {@link TransportTimeoutException} and {@link ConnectionClosedException}.
 */
public class TransportException extends MailwireException {
  private static final long serialVersionUID = 1L;

  public TransportException(String message) {
    super(message);
  }

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}

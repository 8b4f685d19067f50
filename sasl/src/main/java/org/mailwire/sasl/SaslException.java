package org.mailwire.sasl;

import org.mailwire.transport.MailwireException;

/**
 * A SASL authentication exchange failed on the client side: no offered mechanism is usable, the
 * credentials cannot be expressed in the chosen mechanism, the server sent a malformed or
 * unexpected challenge, or the server failed to prove its identity (SCRAM server signature).
 *
 * <p>It is checked (an {@link java.io.IOException}). Its message never contains a password, an
 * access token, or any encoding of them; it never quotes server challenge bytes either, except a
 * short, sanitised server error value (SCRAM {@code e=}, OAuth JSON {@code status}).
 *
 * <p>A server that refuses the credentials answers with its protocol's failure reply (IMAP {@code
 * NO}, SMTP {@code 535}); the protocol modules report that as a {@link
 * org.mailwire.transport.CommandException}, not as this exception.
 */
public class SaslException extends MailwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; must not contain secrets
   */
  public SaslException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed; must not contain secrets
   * @param cause the underlying failure
   */
  public SaslException(String message, Throwable cause) {
    super(message, cause);
  }
}

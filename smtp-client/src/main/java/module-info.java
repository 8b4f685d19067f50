/**
 * mailwire SMTP, submission and LMTP client.
 *
 * <ul>
 *   <li>{@code org.mailwire.smtp.codec}: the sans-I/O codec (reply decoder, EHLO capabilities,
 *       command encoder, streaming DATA/BDAT encoder);
 *   <li>{@code org.mailwire.smtp}: the session state machine, {@code SmtpClient} and {@code
 *       SmtpPool}.
 * </ul>
 *
 * <p>{@code org.mailwire.smtp.internal} is not exported.
 */
module org.mailwire.smtp {
  requires transitive org.mailwire.transport;
  requires transitive org.mailwire.sasl;

  exports org.mailwire.smtp;
  exports org.mailwire.smtp.codec;
}

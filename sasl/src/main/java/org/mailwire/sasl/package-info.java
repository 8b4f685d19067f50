/**
 * SASL client mechanisms for the mail protocols: PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1,
 * SCRAM-SHA-256, OAUTHBEARER and XOAUTH2.
 *
 * <p>{@link org.mailwire.sasl.Sasl#choose} picks the strongest mechanism the server offers that
 * fits the {@link org.mailwire.sasl.Credentials} and the channel's security ({@link
 * org.mailwire.sasl.SaslOptions}), and returns a {@link org.mailwire.sasl.SaslClient} that turns
 * server challenges into responses. The protocol modules (POP3, IMAP, SMTP) carry the exchange;
 * this package knows no protocol. {@link org.mailwire.sasl.SaslRedaction} keeps the exchange out
 * of the wire trace.
 */
package org.mailwire.sasl;

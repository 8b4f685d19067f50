/**
 * mailwire SASL client mechanisms: PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1/-256, OAUTHBEARER, XOAUTH2.
 *
 * <p>{@code org.mailwire.sasl.internal} is not exported.
 */
module org.mailwire.sasl {
  requires transitive org.mailwire.transport;

  exports org.mailwire.sasl;
}

/**
 * mailwire IMAP client. The codec, session and client packages arrive with the IMAP issue;
 * until then the module only declares its place in the build.
 */
module org.mailwire.imap {
  requires transitive org.mailwire.transport;
  requires org.mailwire.sasl;
}

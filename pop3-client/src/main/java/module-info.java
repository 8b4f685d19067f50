/**
 * mailwire POP3 client. The codec, session and client packages arrive with the POP3 issue;
 * until then the module only declares its place in the build.
 */
module org.mailwire.pop3 {
  requires transitive org.mailwire.transport;
  requires org.mailwire.sasl;
}

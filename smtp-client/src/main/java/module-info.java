/**
 * mailwire SMTP client. The codec, session and client packages arrive with the SMTP issue;
 * until then the module only declares its place in the build.
 */
module org.mailwire.smtp {
  requires transitive org.mailwire.transport;
  requires org.mailwire.sasl;
}

/** mailwire SASL client mechanisms. */
module org.mailwire.sasl {
  requires transitive org.mailwire.transport;
}

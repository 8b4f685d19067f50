package org.mailwire.transport;

import java.security.cert.Certificate;
import java.util.List;

/**
 * Facts about an established TLS session.
 *
 * @param protocol the negotiated protocol, e.g. {@code "TLSv1.3"}
 * @param cipherSuite the negotiated cipher suite
 * @param peerCertificates the server's certificate chain, leaf first (verified)
 */
public record TlsInfo(String protocol, String cipherSuite, List<Certificate> peerCertificates) {
  public TlsInfo {
    peerCertificates = List.copyOf(peerCertificates);
  }
}

package org.mailwire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailwire.transport.bytes.Ascii;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.Rig;

/**
 * {@link SocketTransport} against the real Dovecot and Postfix of the rig: implicit TLS,
 * STARTTLS on IMAP, POP3 and SMTP (raw commands), and the two ways verification must fail.
 */
@Timeout(60)
class SocketTransportIT {
  private final Rig rig = Rig.get();

  private static String line(Transport t, InputBuffer in) throws Exception {
    int lf = in.fillLine(t, 8192);
    String s = Ascii.string(in.array(), in.readIndex(), lf + 1 - in.readIndex()).strip();
    in.skipTo(lf + 1);
    return s;
  }

  /** Reads SMTP reply lines until the last one ({@code NNN } rather than {@code NNN-}). */
  private static String smtpReply(Transport t, InputBuffer in) throws Exception {
    String l;
    StringBuilder all = new StringBuilder();
    do {
      l = line(t, in);
      all.append(l).append('\n');
    } while (l.length() > 3 && l.charAt(3) == '-');
    return all.toString();
  }

  private static void send(Transport t, String s) throws Exception {
    t.write((s + "\r\n").getBytes(StandardCharsets.US_ASCII));
    t.flush();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"imaps, * OK", "pop3s, +OK", "smtps, 220 "})
  void implicitTlsWithTheRigCertificate(String service, String greeting) throws Exception {
    try (SocketTransport t = SocketTransport.connect(rig.endpoint(service, Security.IMPLICIT_TLS).build())) {
      assertThat(t.isSecure()).isTrue();
      TlsInfo info = t.tlsInfo().orElseThrow();
      assertThat(info.protocol()).isIn("TLSv1.2", "TLSv1.3");
      assertThat(((X509Certificate) info.peerCertificates().get(0)).getSubjectX500Principal().getName())
          .isEqualTo("CN=localhost");
      assertThat(line(t, new InputBuffer(256, 65536))).startsWith(greeting);
    }
  }

  @Test
  void imapStartTls() throws Exception {
    try (SocketTransport t = SocketTransport.connect(rig.endpoint("imap", Security.STARTTLS).build())) {
      InputBuffer in = new InputBuffer(256, 65536);
      assertThat(line(t, in)).startsWith("* OK").contains("STARTTLS");
      send(t, "a1 STARTTLS");
      assertThat(line(t, in)).startsWith("a1 OK");
      in.discard();
      t.startTls();
      assertThat(t.isSecure()).isTrue();
      send(t, "a2 CAPABILITY");
      String caps = line(t, in);
      assertThat(caps).startsWith("* CAPABILITY").doesNotContain("STARTTLS");
      assertThat(line(t, in)).startsWith("a2 OK");
      send(t, "a3 LOGIN " + rig.user(1) + " " + rig.password(1));
      String reply;
      do {
        reply = line(t, in);
      } while (reply.startsWith("*"));
      assertThat(reply).startsWith("a3 OK");
    }
  }

  @Test
  void pop3Stls() throws Exception {
    try (SocketTransport t = SocketTransport.connect(rig.endpoint("pop3", Security.STARTTLS).build())) {
      InputBuffer in = new InputBuffer(256, 65536);
      assertThat(line(t, in)).startsWith("+OK");
      send(t, "STLS");
      assertThat(line(t, in)).startsWith("+OK");
      in.discard();
      t.startTls();
      send(t, "CAPA");
      assertThat(line(t, in)).startsWith("+OK");
      StringBuilder capa = new StringBuilder();
      for (String l = line(t, in); !l.equals("."); l = line(t, in)) {
        capa.append(l).append(' ');
      }
      assertThat(capa.toString()).contains("UIDL").contains("SASL").doesNotContain("STLS");
      send(t, "QUIT");
      assertThat(line(t, in)).startsWith("+OK");
    }
  }

  @Test
  void smtpStartTls() throws Exception {
    try (SocketTransport t = SocketTransport.connect(rig.endpoint("submission", Security.STARTTLS).build())) {
      InputBuffer in = new InputBuffer(256, 65536);
      assertThat(smtpReply(t, in)).startsWith("220 ");
      send(t, "EHLO client.test");
      String before = smtpReply(t, in);
      assertThat(before).contains("250-STARTTLS").doesNotContain("AUTH");
      send(t, "STARTTLS");
      assertThat(smtpReply(t, in)).startsWith("220 ");
      in.discard();
      t.startTls();
      send(t, "EHLO client.test");
      String after = smtpReply(t, in);
      assertThat(after).contains("AUTH").doesNotContain("STARTTLS");
      send(t, "QUIT");
      assertThat(smtpReply(t, in)).startsWith("221");
    }
  }

  @Test
  void aWrongHostNameIsRejected() {
    Endpoint ep = rig.endpoint("imaps", Security.IMPLICIT_TLS).tlsHostName("imap.example.org").build();
    assertThatThrownBy(() -> SocketTransport.connect(ep))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("TLS handshake")
        .hasMessageContaining("imap.example.org");
  }

  @Test
  void aWrongHostNameIsRejectedAfterStartTlsToo() throws Exception {
    Endpoint ep = rig.endpoint("pop3", Security.STARTTLS).tlsHostName("pop.example.org").build();
    try (SocketTransport t = SocketTransport.connect(ep)) {
      InputBuffer in = new InputBuffer(256, 65536);
      line(t, in);
      send(t, "STLS");
      line(t, in);
      in.discard();
      assertThatThrownBy(t::startTls).isInstanceOf(TransportException.class).hasMessageContaining("TLS handshake");
      assertThat(t.isSecure()).isFalse();
    }
  }

  @Test
  void anUntrustedCertificateIsRejected() {
    // No trust store: the JDK's CAs do not know the rig's self-signed certificate.
    Endpoint ep = Endpoint.builder(rig.host(), rig.port("smtps")).connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> SocketTransport.connect(ep))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("PKIX");
  }
}

package org.mailwire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailwire.transport.bytes.Ascii;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.LocalTlsServer;

/** {@link SocketTransport} against a local server with real certificates. */
@Timeout(60)
class SocketTransportTest {

  private static Endpoint.Builder local(LocalTlsServer s, Security security) {
    return Endpoint.builder("127.0.0.1", s.port())
        .security(security)
        .trustStore(LocalTlsServer.Certs.get().trustStore())
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5));
  }

  private static String line(SocketTransport t, InputBuffer in) throws Exception {
    int lf = in.fillLine(t, 1000);
    String s = Ascii.string(in.array(), in.readIndex(), lf + 1 - in.readIndex()).strip();
    in.skipTo(lf + 1);
    return s;
  }

  private static void send(Transport t, String s) throws Exception {
    t.write(s.getBytes(StandardCharsets.US_ASCII));
    t.flush();
  }

  @Test
  void implicitTlsVerifiesTheCertificateAndReportsTheSession() throws Exception {
    try (LocalTlsServer s =
            LocalTlsServer.implicitTls("localhost", c -> {
              c.send("* OK secure\r\n");
              c.send("echo " + c.readLine() + "\r\n");
            });
        SocketTransport t = SocketTransport.connect(local(s, Security.IMPLICIT_TLS).build())) {
      assertThat(t.isSecure()).isTrue();
      TlsInfo info = t.tlsInfo().orElseThrow();
      assertThat(info.protocol()).startsWith("TLSv1.");
      assertThat(info.cipherSuite()).isNotBlank();
      assertThat(((X509Certificate) info.peerCertificates().get(0)).getSubjectX500Principal().getName())
          .isEqualTo("CN=localhost");
      InputBuffer in = new InputBuffer(64, 4096);
      assertThat(line(t, in)).isEqualTo("* OK secure");
      send(t, "hello\r\n");
      assertThat(line(t, in)).isEqualTo("echo hello");
    }
  }

  @Test
  void hostNameLocalhostMatchesToo() throws Exception {
    try (LocalTlsServer s = LocalTlsServer.implicitTls("localhost", c -> c.send("* OK\r\n"));
        SocketTransport t =
            SocketTransport.connect(
                Endpoint.builder("localhost", s.port())
                    .trustStore(LocalTlsServer.Certs.get().trustStore())
                    .build())) {
      assertThat(line(t, new InputBuffer(64, 4096))).isEqualTo("* OK");
    }
  }

  @Test
  void startTlsUpgradesInPlace() throws Exception {
    try (LocalTlsServer s =
            LocalTlsServer.plain(c -> {
              c.send("220 ready\r\n");
              assertThat(c.readLine()).isEqualTo("STARTTLS");
              c.send("220 go ahead\r\n");
              c.startTls();
              c.send("250 secure " + c.readLine() + "\r\n");
            });
        SocketTransport t = SocketTransport.connect(local(s, Security.STARTTLS).build())) {
      InputBuffer in = new InputBuffer(64, 4096);
      assertThat(t.isSecure()).isFalse();
      assertThat(t.tlsInfo()).isEmpty();
      assertThat(line(t, in)).isEqualTo("220 ready");
      send(t, "STARTTLS\r\n");
      assertThat(line(t, in)).isEqualTo("220 go ahead");
      assertThat(in.discard()).isZero();
      t.startTls();
      assertThat(t.isSecure()).isTrue();
      send(t, "EHLO x\r\n");
      assertThat(line(t, in)).isEqualTo("250 secure EHLO x");
      assertThatThrownBy(t::startTls).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void plaintextBytesAfterTheGoAheadAreNeverReadAsTls() throws Exception {
    // The server (or a man in the middle) sends a forged reply right after "220 go ahead", in
    // the same packet. The client's buffer holds it; the client discards it before the
    // handshake. Bytes not yet read by the client make the upgrade fail instead.
    CountDownLatch sent = new CountDownLatch(1);
    try (LocalTlsServer s =
            LocalTlsServer.plain(c -> {
              c.readLine();
              c.send("220 go ahead\r\n250 forged\r\n");
              sent.countDown();
              c.readLine();
            });
        SocketTransport t = SocketTransport.connect(local(s, Security.STARTTLS).build())) {
      send(t, "STARTTLS\r\n");
      sent.await(5, TimeUnit.SECONDS);
      Thread.sleep(100);
      // Read just the first line through a tiny buffer: the forged line stays in the socket.
      byte[] one = new byte[14];
      int n = 0;
      while (n < 14) {
        n += t.read(one, n, 14 - n);
      }
      assertThat(new String(one, StandardCharsets.US_ASCII)).isEqualTo("220 go ahead\r\n");
      assertThatThrownBy(t::startTls)
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("12 plaintext bytes before the TLS handshake");
      assertThat(t.isSecure()).isFalse();
    }
  }

  @Test
  void startTlsWithUnflushedWritesIsMisuse() throws Exception {
    try (LocalTlsServer s = LocalTlsServer.plain(c -> c.readLine());
        SocketTransport t = SocketTransport.connect(local(s, Security.STARTTLS).build())) {
      t.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(t::startTls).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void certificateForAnotherHostIsRejected() throws Exception {
    // Trust the other.example certificate itself: only the host name check can reject it.
    KeyStore trustOther = KeyStore.getInstance("PKCS12");
    trustOther.load(null, null);
    AtomicReference<Throwable> none = new AtomicReference<>();
    try (LocalTlsServer s = LocalTlsServer.implicitTls("other", c -> c.send("* OK\r\n"))) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (var in = java.nio.file.Files.newInputStream(LocalTlsServer.Certs.get().dir().resolve("keys.p12"))) {
        keys.load(in, "changeit".toCharArray());
      }
      trustOther.setCertificateEntry("other", keys.getCertificate("other"));
      Endpoint ep = Endpoint.builder("127.0.0.1", s.port()).trustStore(trustOther).build();
      assertThatThrownBy(() -> SocketTransport.connect(ep))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("TLS handshake with 127.0.0.1:" + s.port())
          .hasMessageContaining("127.0.0.1"); // no subject alternative name matching IP address
      // ...and the same certificate is accepted under the name it was issued for.
      Endpoint named = Endpoint.builder("127.0.0.1", s.port()).trustStore(trustOther).tlsHostName("other.example").build();
      try (SocketTransport t = SocketTransport.connect(named)) {
        assertThat(line(t, new InputBuffer(64, 4096))).isEqualTo("* OK");
      }
    }
    assertThat(none.get()).isNull();
  }

  @Test
  void untrustedCertificateIsRejected() throws Exception {
    try (LocalTlsServer s = LocalTlsServer.implicitTls("localhost", c -> c.send("* OK\r\n"))) {
      // The JDK's default CAs do not know our self-signed certificate.
      Endpoint ep = Endpoint.builder("localhost", s.port()).build();
      assertThatThrownBy(() -> SocketTransport.connect(ep))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("TLS handshake")
          .hasMessageContaining("PKIX");
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (LocalTlsServer s = LocalTlsServer.plain(c -> release.await(10, TimeUnit.SECONDS));
        SocketTransport t =
            SocketTransport.connect(
                local(s, Security.PLAIN).readTimeout(Duration.ofMillis(300)).build())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> t.read(new byte[16], 0, 16))
          .isInstanceOf(TransportTimeoutException.class)
          .hasMessageContaining("within 300 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      release.countDown();
    }
  }

  @Test
  void aPeerThatClosesMidLineIsReported() throws Exception {
    try (LocalTlsServer s = LocalTlsServer.plain(c -> {
          c.send("+OK hal");
          c.close();
        });
        SocketTransport t = SocketTransport.connect(local(s, Security.PLAIN).build())) {
      InputBuffer in = new InputBuffer(64, 4096);
      assertThatThrownBy(() -> in.fillLine(t, 1000))
          .isInstanceOf(ConnectionClosedException.class)
          .hasMessageContaining("middle of a line (7 bytes)");
    }
  }

  @Test
  void tenMebibytesWithoutALineEndHitTheLineLimitInBoundedMemory() throws Exception {
    try (LocalTlsServer s = LocalTlsServer.plain(c -> {
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) 'A');
          try {
            for (int i = 0; i < 160; i++) {
              c.send(chunk);
            }
          } catch (java.io.IOException clientGaveUp) {
            // expected: the client closes once its limit trips
          }
        });
        SocketTransport t = SocketTransport.connect(local(s, Security.PLAIN).build())) {
      InputBuffer in = new InputBuffer(4096, 64 * 1024);
      assertThatThrownBy(() -> in.fillLine(t, 8192))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("maxLineLength (8192)");
      assertThat(in.capacity()).isLessThanOrEqualTo(64 * 1024);
    }
  }

  @Test
  void connectionRefusedIsATransportException() throws Exception {
    int port;
    try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = ss.getLocalPort();
    }
    Endpoint ep = Endpoint.builder("127.0.0.1", port).security(Security.PLAIN).build();
    assertThatThrownBy(() -> SocketTransport.connect(ep))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("cannot connect to 127.0.0.1:" + port);
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseIsMisuse() throws Exception {
    try (LocalTlsServer s = LocalTlsServer.plain(c -> c.readLine())) {
      SocketTransport t = SocketTransport.connect(local(s, Security.PLAIN).build());
      t.close();
      t.close();
      assertThatThrownBy(() -> t.read(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void writesAreBatchedUntilFlush() throws Exception {
    AtomicReference<String> got = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    try (LocalTlsServer s = LocalTlsServer.plain(c -> {
          got.set(c.readLine() + "|" + c.readLine());
          done.countDown();
        });
        SocketTransport t = SocketTransport.connect(local(s, Security.PLAIN).build())) {
      t.write("MAIL FROM:<a@b>\r\n".getBytes(StandardCharsets.US_ASCII));
      t.write("RCPT TO:<c@d>\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(done.await(300, TimeUnit.MILLISECONDS)).isFalse(); // nothing sent yet
      t.flush();
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(got.get()).isEqualTo("MAIL FROM:<a@b>|RCPT TO:<c@d>");
      // A write larger than the buffer goes straight through.
      byte[] big = new byte[SocketTransport.WRITE_BUFFER * 2];
      t.write(big);
      t.flush();
    }
  }

  @Test
  void runsOnVirtualThreadsWhenAvailable() throws Exception {
    // Java 17 has no virtual threads; this checks the transport works from a non-main thread
    // that a caller's executor provides, and on 21+ the same code path is used unchanged.
    try (LocalTlsServer s = LocalTlsServer.implicitTls("localhost", c -> c.send("* OK vt\r\n"))) {
      AtomicReference<Object> result = new AtomicReference<>();
      Thread th = new Thread(() -> {
        try (SocketTransport t = SocketTransport.connect(local(s, Security.IMPLICIT_TLS).build())) {
          result.set(line(t, new InputBuffer(64, 4096)));
        } catch (Exception e) {
          result.set(e);
        }
      });
      th.start();
      th.join(10_000);
      assertThat(result.get()).isEqualTo("* OK vt");
    }
  }
}

package org.mailwire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void defaultsAreImplicitTlsWithRfcTimeouts() throws Exception {
    Endpoint e = Endpoint.builder("imap.example.com", 993).build();
    assertThat(e.security()).isEqualTo(Security.IMPLICIT_TLS);
    assertThat(e.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(e.readTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(e.tlsHostName()).isEqualTo("imap.example.com");
    assertThat(e.sslContext()).isNotNull();
    assertThat(e.toString()).isEqualTo("imap.example.com:993 (IMPLICIT_TLS)");
  }

  @Test
  void tlsHostNameCanDifferFromTheAddress() {
    Endpoint e = Endpoint.builder("192.0.2.7", 993).tlsHostName("imap.example.com").build();
    assertThat(e.host()).isEqualTo("192.0.2.7");
    assertThat(e.tlsHostName()).isEqualTo("imap.example.com");
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> Endpoint.builder("", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.builder("a b", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.builder("host\r\n", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.builder("h", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.builder("h", 65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.builder("h", 1).connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.builder("h", 1).readTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Endpoint.builder("h", 1).tlsHostName("x y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sniIsSentForNamesOnly() {
    assertThat(SocketTransport.isHostName("mail.example.com")).isTrue();
    assertThat(SocketTransport.isHostName("localhost")).isTrue();
    assertThat(SocketTransport.isHostName("127.0.0.1")).isFalse();
    assertThat(SocketTransport.isHostName("::1")).isFalse();
    assertThat(SocketTransport.isHostName("example.com.")).isFalse();
  }
}

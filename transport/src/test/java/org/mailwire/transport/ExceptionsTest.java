package org.mailwire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

  @Test
  void protocolExceptionCarriesOffsetAndABoundedEscapedExcerpt() {
    byte[] data = ("* BAD \u0001\r\n" + "z".repeat(500)).getBytes(StandardCharsets.ISO_8859_1);
    ProtocolException e = new ProtocolException("unexpected byte", 1234, data, 0, data.length);
    assertThat(e.offset()).isEqualTo(1234);
    assertThat(e.excerpt()).startsWith("* BAD \\x01\\r\\nzzz").endsWith("...");
    int raw = ProtocolException.MAX_EXCERPT;
    assertThat(e.excerpt().length()).isLessThan(raw + 20);
    assertThat(e.getMessage()).startsWith("unexpected byte at offset 1234: \"* BAD \\x01");
    assertThat(e).isInstanceOf(IOException.class).isInstanceOf(MailwireException.class);
  }

  @Test
  void limitExceptionNamesTheLimit() {
    LimitExceededException e = new LimitExceededException("maxLineLength", 8192, 0, null, 0, 0);
    assertThat(e.limitName()).isEqualTo("maxLineLength");
    assertThat(e.limit()).isEqualTo(8192);
    assertThat(e.getMessage()).isEqualTo("maxLineLength (8192) exceeded at offset 0");
    assertThat(e).isInstanceOf(ProtocolException.class);
  }

  @Test
  void commandExceptionKeepsCodesAsData() {
    CommandException e = new CommandException("RCPT TO", "550", "5.1.1", "User unknown", false);
    assertThat(e.status()).isEqualTo("550");
    assertThat(e.code()).isEqualTo("5.1.1");
    assertThat(e.serverText()).isEqualTo("User unknown");
    assertThat(e.isTransient()).isFalse();
    assertThat(e.getMessage()).isEqualTo("RCPT TO refused: 550 [5.1.1] User unknown");
    CommandException t = new CommandException("PASS", "-ERR", "IN-USE", null, true);
    assertThat(t.serverText()).isEmpty();
    assertThat(t.isTransient()).isTrue();
    assertThat(t.getMessage()).isEqualTo("PASS refused: -ERR [IN-USE]");
  }

  @Test
  void transportFamily() {
    ConnectionClosedException c = new ConnectionClosedException("reply expected", 42);
    assertThat(c).isInstanceOf(TransportException.class);
    assertThat(c.offset()).isEqualTo(42);
    assertThat(c.getMessage()).isEqualTo("reply expected (connection closed after 42 bytes)");
    assertThat(new TransportTimeoutException("slow", null)).isInstanceOf(TransportException.class);
  }
}

package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.Security;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;
import org.mailwire.transport.TransportTimeoutException;

/** Reply timeouts: each wait has its own deadline, checked whenever a transport read times out. */
class SmtpClientTimeoutTest {

  /** A server that stays silent for {@code silentReads} reads of 20 ms each, then greets. */
  static final class SlowServer implements Transport {
    final int silentReads;
    int reads;
    byte[] pending = "220 slow ESMTP\r\n".getBytes(StandardCharsets.US_ASCII);
    boolean greeted;
    boolean closed;

    SlowServer(int silentReads) {
      this.silentReads = silentReads;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws TransportException {
      reads++;
      if (reads <= silentReads || greeted) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new TransportTimeoutException("read timed out", null);
      }
      greeted = true;
      System.arraycopy(pending, 0, dst, off, pending.length);
      return pending.length;
    }

    @Override
    public void write(byte[] src, int off, int len) {}

    @Override
    public void flush() {}

    @Override
    public void startTls() {
      throw new IllegalStateException();
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
      return Optional.empty();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void shortReadTimeoutsAreRetriedUntilThePhaseDeadline() {
    SlowServer server = new SlowServer(Integer.MAX_VALUE);
    SmtpOptions o = Transcripts.options().withTimeouts(SmtpTimeouts.uniform(Duration.ofMillis(300)));
    long start = System.nanoTime();
    TransportTimeoutException e =
        catchThrowableOfType(TransportTimeoutException.class, () -> SmtpClient.open(server, Security.PLAIN, o));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(e.getMessage()).contains("no reply to GREETING").contains("within 300 ms");
    assertThat(server.reads).isGreaterThan(5);
    assertThat(ms).isBetween(300L, 3000L);
    assertThat(server.closed).isTrue();
  }

  @Test
  void aSlowGreetingWithinItsDeadlineIsFine() throws Exception {
    SlowServer server = new SlowServer(5);
    SmtpOptions o =
        Transcripts.options()
            .withTimeouts(
                new SmtpTimeouts(
                    Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100),
                    Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(200)));
    // the greeting arrives after ~100 ms of silence (allowed: 10 s); the EHLO reply never does (200 ms)
    TransportTimeoutException e =
        catchThrowableOfType(TransportTimeoutException.class, () -> SmtpClient.open(server, Security.PLAIN, o));
    assertThat(server.greeted).isTrue();
    assertThat(e.getMessage()).contains("no reply to EHLO");
  }

  @Test
  void tickDividesEveryTimeout() {
    assertThat(SmtpTimeouts.rfc5321().tick()).isEqualTo(Duration.ofMinutes(1));
    assertThat(SmtpTimeouts.uniform(Duration.ofSeconds(5)).tick()).isEqualTo(Duration.ofSeconds(5));
    SmtpTimeouts mixed =
        new SmtpTimeouts(
            Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(mixed.tick()).isEqualTo(Duration.ofMillis(500));
    assertThat(SmtpTimeouts.uniform(Duration.ofMillis(10)).tick()).isEqualTo(Duration.ofMillis(100));
    assertThat(SmtpTimeouts.rfc5321().dataTermination()).isEqualTo(Duration.ofMinutes(10));
    assertThat(SmtpTimeouts.rfc5321().dataInitiation()).isEqualTo(Duration.ofMinutes(2));
    assertThat(SmtpTimeouts.rfc5321().dataBlock()).isEqualTo(Duration.ofMinutes(3));
  }
}

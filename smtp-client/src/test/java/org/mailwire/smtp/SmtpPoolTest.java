package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mailwire.smtp.Transcripts.message;
import static org.mailwire.smtp.Transcripts.to;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.Security;
import org.mailwire.transport.TransportException;

class SmtpPoolTest {

  static final String MSG = "Subject: pooled\r\n\r\nbody\r\n";

  final AtomicInteger delivered = new AtomicInteger();
  final ConcurrentLinkedQueue<FakeSmtpServer> servers = new ConcurrentLinkedQueue<>();

  SmtpPool.Connector connector(int closeAfterMessages, boolean say421) {
    return () -> {
      FakeSmtpServer s = new FakeSmtpServer(delivered, closeAfterMessages, say421);
      servers.add(s);
      return SmtpClient.open(s, Security.PLAIN, Transcripts.options());
    };
  }

  @Test
  void connectionsAreReused() throws Exception {
    try (SmtpPool pool = SmtpPool.create(connector(Integer.MAX_VALUE, false), 2)) {
      for (int i = 0; i < 5; i++) {
        SendResult r = pool.send(to("b@y.example"), message(MSG));
        assertThat(r.queueId()).contains("Q" + (i + 1));
      }
      assertThat(pool.connectionsOpened()).isEqualTo(1);
      assertThat(pool.openConnections()).isEqualTo(1);
      assertThat(pool.idleConnections()).isEqualTo(1);
    }
    assertThat(servers).allSatisfy(s -> assertThat(s.closed).isTrue());
  }

  @Test
  void aConnectionTheServerClosedIsReplacedAndTheMessageSentAgain() throws Exception {
    try (SmtpPool pool = SmtpPool.create(connector(2, false), 1)) {
      for (int i = 0; i < 5; i++) {
        pool.send(to("b@y.example"), message(MSG));
      }
      assertThat(delivered.get()).isEqualTo(5);
      assertThat(pool.connectionsOpened()).isEqualTo(3);
      assertThat(pool.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void a421OnAReusedConnectionIsRetriedOnAFreshOne() throws Exception {
    try (SmtpPool pool = SmtpPool.create(connector(1, true), 1)) {
      pool.send(to("b@y.example"), message(MSG));
      SendResult second = pool.send(to("b@y.example"), message(MSG));
      assertThat(second.queueId()).contains("Q2");
      assertThat(pool.connectionsOpened()).isEqualTo(2);
    }
  }

  @Test
  void theRetryUsesANewConnectionEvenWhenEveryIdleOneIsDead() throws Exception {
    // Two sends held in DATA at the same time force two connections; each server then drops its
    // connection at the next exchange, so both idle connections are dead. A third send finds one
    // dead and must retry on a newly opened connection, not on the other dead one.
    java.util.concurrent.CountDownLatch bothInData = new java.util.concurrent.CountDownLatch(2);
    try (SmtpPool pool = SmtpPool.create(connector(1, false), 2)) {
      List<Thread> senders = new ArrayList<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      for (int i = 0; i < 2; i++) {
        Thread t = new Thread(() -> {
          try {
            pool.send(to("b@y.example"), new java.io.FilterInputStream(message(MSG)) {
              private boolean waited;

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                if (!waited) {
                  waited = true;
                  bothInData.countDown();
                  try {
                    if (!bothInData.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                      throw new IOException("the other send never reached DATA");
                    }
                  } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                  }
                }
                return super.read(b, off, len);
              }
            });
          } catch (IOException | RuntimeException e) {
            failures.add(e);
          }
        });
        senders.add(t);
        t.start();
      }
      for (Thread t : senders) {
        t.join(20_000);
      }
      assertThat(failures).isEmpty();
      assertThat(pool.connectionsOpened()).isEqualTo(2);
      assertThat(pool.idleConnections()).isEqualTo(2);

      SendResult third = pool.send(to("b@y.example"), message(MSG));
      assertThat(third.queueId()).isPresent();
      assertThat(delivered.get()).isEqualTo(3);
      assertThat(pool.connectionsOpened()).isEqualTo(3);
      assertThat(pool.openConnections()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void sendAllSpreadsMessagesOverTheConnections() throws Exception {
    List<SmtpPool.Message> messages = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Envelope env = Envelope.builder("a@x.example").to("r" + i + "@y.example").label("<m" + i + "@x>").build();
      messages.add(new SmtpPool.Message(env, () -> message(MSG)));
    }
    try (SmtpPool pool = SmtpPool.create(connector(7, false), 3)) {
      List<SmtpPool.Outcome> out = pool.sendAll(messages);
      assertThat(out).hasSize(40).allMatch(SmtpPool.Outcome::sent);
      for (int i = 0; i < 40; i++) {
        assertThat(out.get(i).envelope().label()).isEqualTo("<m" + i + "@x>");
      }
      assertThat(delivered.get()).isEqualTo(40);
      assertThat(pool.openConnections()).isLessThanOrEqualTo(3);
      // each connection carries at most 7 messages, so at least 6 were opened
      assertThat(pool.connectionsOpened()).isGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void failuresAfterTheContentStartedAreNotRetried() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    SmtpPool.Connector breaking =
        () -> {
          attempts.incrementAndGet();
          FakeSmtpServer s = new FakeSmtpServer(delivered, Integer.MAX_VALUE, false);
          return SmtpClient.open(new Transcripts.BreakingTransport(s, 200), Security.PLAIN, Transcripts.options());
        };
    try (SmtpPool pool = SmtpPool.create(breaking, 1)) {
      TransferFailedException e =
          catchThrowableOfType(TransferFailedException.class, () -> pool.send(to("b@y.example"), message("x".repeat(5000))));
      assertThat(e.contentStarted()).isTrue();
      assertThat(attempts.get()).isEqualTo(1);
      assertThat(pool.openConnections()).isZero();
      assertThat(delivered.get()).isZero();
    }
  }

  @Test
  void connectFailuresAreReportedAndFreeTheSlot() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    SmtpPool.Connector failing =
        () -> {
          if (calls.incrementAndGet() == 1) {
            throw new TransportException("connection refused");
          }
          return connector(Integer.MAX_VALUE, false).connect();
        };
    try (SmtpPool pool = SmtpPool.create(failing, 1)) {
      assertThatThrownBy(() -> pool.send(to("b@y.example"), message(MSG))).hasMessage("connection refused");
      assertThat(pool.openConnections()).isZero();
      assertThat(pool.send(to("b@y.example"), message(MSG)).queueId()).contains("Q1");
      List<SmtpPool.Outcome> out =
          pool.sendAll(List.of(new SmtpPool.Message(to("b@y.example"), () -> { throw new IOException("gone"); })));
      assertThat(out.get(0).sent()).isFalse();
      assertThat(out.get(0).failure()).hasMessage("gone");
    }
  }

  @Test
  void closedPoolRefusesWork() {
    SmtpPool pool = SmtpPool.create(connector(Integer.MAX_VALUE, false), 1);
    pool.close();
    pool.close();
    assertThatThrownBy(() -> pool.send(to("b@y.example"), message(MSG))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SmtpPool.create(connector(1, false), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void waitersGetTheConnectionWhenItIsReturned() throws Exception {
    try (SmtpPool pool = SmtpPool.create(connector(Integer.MAX_VALUE, false), 1)) {
      List<Thread> threads = new ArrayList<>();
      AtomicInteger ok = new AtomicInteger();
      for (int i = 0; i < 8; i++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    pool.send(to("b@y.example"), message(MSG));
                    ok.incrementAndGet();
                  } catch (IOException e) {
                    throw new AssertionError(e);
                  }
                });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join(10_000);
      }
      assertThat(ok.get()).isEqualTo(8);
      assertThat(pool.connectionsOpened()).isEqualTo(1);
    }
  }
}

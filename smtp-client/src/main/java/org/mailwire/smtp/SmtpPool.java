package org.mailwire.smtp;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mailwire.sasl.Credentials;
import org.mailwire.transport.Endpoint;

/**
 * A small pool of {@link SmtpClient} connections for bulk sending: at most {@link #size()}
 * connections, opened on demand (and logged in), reused for message after message, and replaced
 * when a server closes them.
 *
 * <pre>{@code
 * try (SmtpPool pool = SmtpPool.create(endpoint, options, credentials, 4)) {
 *   List<SmtpPool.Outcome> out = pool.sendAll(messages);   // spread over 4 connections
 *   SendResult one = pool.send(envelope, stream);            // or one at a time, from any thread
 * }
 * }</pre>
 *
 * <p>{@link #send} is thread-safe: it borrows an idle connection (or opens one, or waits for one),
 * sends, and returns the connection. When a reused connection turns out to be dead (the server
 * closed it while idle, or answers 421) before any byte of the message was read, the message is
 * sent again once on a fresh connection; otherwise the failure is reported as {@link #send} does.
 * Locks are {@link ReentrantLock}s, never monitors: safe on virtual threads.
 */
public final class SmtpPool implements Closeable {

  /** Opens a connected, logged-in client. */
  @FunctionalInterface
  public interface Connector {
    /**
     * @return a client ready to send
     * @throws IOException when the connection or login fails
     */
    SmtpClient connect() throws IOException;
  }

  /** Opens a message's content; called once per attempt. */
  @FunctionalInterface
  public interface Content {
    /**
     * @return a stream of the RFC 5322 message
     * @throws IOException when it cannot be opened
     */
    InputStream open() throws IOException;
  }

  /**
   * A message for {@link #sendAll}.
   *
   * @param envelope the envelope
   * @param content opens the content
   */
  public record Message(Envelope envelope, Content content) {
    /** @throws NullPointerException when an argument is null */
    public Message {
      Objects.requireNonNull(envelope, "envelope");
      Objects.requireNonNull(content, "content");
    }
  }

  /**
   * What happened to one message of {@link #sendAll}: exactly one of {@code result} and {@code
   * failure} is set.
   *
   * @param envelope the message's envelope
   * @param result the result when it was sent
   * @param failure why it was not sent ({@link MessageRejectedException}, {@link
   *     TransferFailedException}, or a connection/login failure)
   */
  public record Outcome(Envelope envelope, SendResult result, Exception failure) {
    /** Whether the message was sent. */
    public boolean sent() {
      return result != null;
    }
  }

  private final Connector connector;
  private final int size;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final ArrayDeque<SmtpClient> idle = new ArrayDeque<>();
  private final AtomicLong opened = new AtomicLong();
  private int open;
  private boolean closed;

  private SmtpPool(Connector connector, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be >= 1");
    }
    this.connector = Objects.requireNonNull(connector, "connector");
    this.size = size;
  }

  /**
   * A pool of up to {@code size} connections to {@code endpoint}, each logged in with {@code
   * credentials} (or not at all when {@code null}).
   *
   * @throws IllegalArgumentException when {@code size < 1}
   */
  public static SmtpPool create(Endpoint endpoint, SmtpOptions options, Credentials credentials, int size) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(options, "options");
    return new SmtpPool(
        () -> {
          SmtpClient c = SmtpClient.connect(endpoint, options);
          if (credentials != null) {
            try {
              c.login(credentials);
            } catch (IOException | RuntimeException e) {
              c.close();
              throw e;
            }
          }
          return c;
        },
        size);
  }

  /**
   * A pool of up to {@code size} connections opened by {@code connector}.
   *
   * @throws IllegalArgumentException when {@code size < 1}
   */
  public static SmtpPool create(Connector connector, int size) {
    return new SmtpPool(connector, size);
  }

  /** The most connections the pool opens. */
  public int size() {
    return size;
  }

  /** Connections open now (idle or in use). */
  public int openConnections() {
    lock.lock();
    try {
      return open;
    } finally {
      lock.unlock();
    }
  }

  /** Connections open and idle now. */
  public int idleConnections() {
    lock.lock();
    try {
      return idle.size();
    } finally {
      lock.unlock();
    }
  }

  /** Connections opened since the pool was created (replacements included). */
  public long connectionsOpened() {
    return opened.get();
  }

  /**
   * Sends one message over a pooled connection; blocks while all connections are busy.
   *
   * @return the result, as {@link SmtpClient#send}
   * @throws MessageRejectedException, TransferFailedException as {@link SmtpClient#send} (after
   *     one retry on a fresh connection when a reused one was dead before the content was read)
   * @throws IOException when no connection can be opened or logged in
   * @throws InterruptedIOException when interrupted while waiting for a connection
   * @throws IllegalStateException when the pool is closed
   */
  public SendResult send(Envelope envelope, InputStream content) throws IOException {
    Objects.requireNonNull(envelope, "envelope");
    Watched watched = new Watched(Objects.requireNonNull(content, "content"));
    for (int attempt = 1; ; attempt++) {
      // The retry goes over a newly opened connection: another idle one may be just as dead.
      SmtpClient c = borrow(attempt > 1);
      try {
        SendResult r = c.send(envelope, watched);
        release(c);
        return r;
      } catch (TransferFailedException e) {
        discard(c);
        if (attempt == 1 && !watched.touched) {
          continue;
        }
        throw e;
      } catch (MessageRejectedException e) {
        if (c.isUsable()) {
          release(c);
        } else {
          discard(c);
          if (attempt == 1 && !watched.touched && e.status().equals("421")) {
            continue;
          }
        }
        throw e;
      } catch (IOException | RuntimeException e) {
        if (c.isUsable()) {
          release(c);
        } else {
          discard(c);
        }
        throw e;
      }
    }
  }

  /**
   * Sends every message, spread over {@link #size()} worker threads (so over up to that many
   * connections), and waits for all of them. Failures are reported per message, not thrown.
   *
   * @param threads makes the workers (e.g. {@code Thread.ofVirtual().factory()} on Java 21)
   * @return one outcome per message, in the order given
   * @throws InterruptedIOException when interrupted while waiting
   */
  public List<Outcome> sendAll(List<Message> messages, ThreadFactory threads) throws InterruptedIOException {
    Outcome[] out = new Outcome[messages.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i; (i = next.getAndIncrement()) < out.length; ) {
            Message m = messages.get(i);
            try (InputStream in = m.content().open()) {
              out[i] = new Outcome(m.envelope(), send(m.envelope(), in), null);
            } catch (IOException | RuntimeException e) {
              out[i] = new Outcome(m.envelope(), null, e);
            }
          }
        };
    int n = Math.min(size, Math.max(1, messages.size()));
    List<Thread> workers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Thread t = threads.newThread(worker);
      workers.add(t);
      t.start();
    }
    try {
      for (Thread t : workers) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending");
    }
    return Arrays.asList(out);
  }

  /** {@link #sendAll(List, ThreadFactory)} with daemon platform threads. */
  public List<Outcome> sendAll(List<Message> messages) throws InterruptedIOException {
    AtomicInteger n = new AtomicInteger();
    return sendAll(
        messages,
        r -> {
          Thread t = new Thread(r, "mailwire-smtp-pool-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Takes an idle usable connection, or opens a new one when fewer than {@code size} are open.
   * With {@code fresh}, never reuses an idle connection: it opens a new one, closing an idle one
   * first when the pool is full.
   */
  private SmtpClient borrow(boolean fresh) throws IOException {
    SmtpClient stale = null;
    lock.lock();
    try {
      while (true) {
        if (closed) {
          throw new IllegalStateException("the pool is closed");
        }
        SmtpClient c = fresh ? null : idle.pollFirst();
        if (c != null) {
          if (c.isUsable()) {
            return c;
          }
          open--;
          c.close();
          continue;
        }
        if (open < size) {
          open++;
          break;
        }
        if (fresh && stale == null && (stale = idle.pollLast()) != null) {
          open--; // closed below, outside the lock
          continue;
        }
        try {
          available.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for an SMTP connection");
        }
      }
    } finally {
      lock.unlock();
      if (stale != null) {
        stale.close();
      }
    }
    try {
      SmtpClient c = connector.connect();
      opened.incrementAndGet();
      return c;
    } catch (IOException | RuntimeException e) {
      lock.lock();
      try {
        open--;
        available.signal();
      } finally {
        lock.unlock();
      }
      throw e;
    }
  }

  private void release(SmtpClient c) {
    lock.lock();
    try {
      if (closed) {
        open--;
        c.close();
      } else {
        idle.addFirst(c);
      }
      available.signal();
    } finally {
      lock.unlock();
    }
  }

  private void discard(SmtpClient c) {
    c.close();
    lock.lock();
    try {
      open--;
      available.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the idle connections (QUIT) and every busy one as it is returned; further sends fail.
   * Idempotent.
   */
  @Override
  public void close() {
    List<SmtpClient> toClose;
    lock.lock();
    try {
      closed = true;
      toClose = new ArrayList<>(idle);
      open -= idle.size();
      idle.clear();
      available.signalAll();
    } finally {
      lock.unlock();
    }
    for (SmtpClient c : toClose) {
      c.close();
    }
  }

  /** Remembers whether any byte of the content was read, so a retry is safe only before. */
  private static final class Watched extends FilterInputStream {
    volatile boolean touched;

    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      touched = true;
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      touched = true;
      return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      touched = true;
      return super.skip(n);
    }

    @Override
    public void close() {
      // the caller owns the stream
    }
  }
}

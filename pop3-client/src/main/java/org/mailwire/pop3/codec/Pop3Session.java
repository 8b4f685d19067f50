package org.mailwire.pop3.codec;

import java.util.ArrayDeque;
import java.util.Optional;
import org.mailwire.transport.ProtocolException;

/**
 * The POP3 session state machine (RFC 1939 §3, RFC 2449, RFC 2595, RFC 5034, RFC 6856), sans I/O:
 * it says which commands are legal now, holds the commands sent and not yet answered (several when
 * the server announced PIPELINING), matches each status line to its command in order, and moves
 * between {@link Pop3State}s. All transitions are in {@link #transition}.
 *
 * <p>A driver (the blocking {@code Pop3Client}, or a Netty/NIO handler) calls {@link
 * #send(Pop3Command)} before writing a command, {@link #onStatus(StatusLine)} for each status line
 * it decodes, and {@link #onBodyEnd()} after the multi-line body of a reply whose {@link
 * Reply#bodyFollows()} was true. Misuse (a command not legal in this state, pipelining without
 * PIPELINING) throws {@link IllegalStateException}; a status line that cannot be matched throws
 * {@link ProtocolException} and leaves the session {@link Pop3State#FAILED}.
 *
 * <pre>{@code
 * Pop3Session s = new Pop3Session();
 * s.onStatus(greeting);                 // AUTHORIZATION
 * write(s.send(Pop3Command.user("bob")));
 * Reply r = s.onStatus(decodeStatus()); // r.command() is the USER command
 * }</pre>
 *
 * <p>Not thread-safe: one driver per session.
 */
public final class Pop3Session {
  /**
   * A status line matched to the command it answers.
   *
   * @param command the command answered, or {@code null} for the greeting
   * @param status the status line
   * @param bodyFollows whether a multi-line body follows this status line
   */
  public record Reply(Pop3Command command, StatusLine status, boolean bodyFollows) {}

  private Pop3State state = Pop3State.GREETING;
  private final ArrayDeque<Pop3Command> inFlight = new ArrayDeque<>();
  private Capabilities capabilities = Capabilities.NONE;
  private StatusLine greeting;
  private boolean secure;
  private boolean userAccepted;
  private boolean inBody;
  private boolean inSasl;
  private boolean utf8;
  private boolean quitCommitted;

  /** Returns a session waiting for the greeting, on a connection not (yet) secure. */
  public Pop3Session() {}

  /** Returns a session waiting for the greeting; {@code secure} for implicit TLS. */
  public Pop3Session(boolean secure) {
    this.secure = secure;
  }

  /** Returns the current state. */
  public Pop3State state() {
    return state;
  }

  /** Returns the capabilities last recorded with {@link #onCapabilities}; {@link Capabilities#NONE} before. */
  public Capabilities capabilities() {
    return capabilities;
  }

  /** Returns the greeting, once received. */
  public Optional<StatusLine> greeting() {
    return Optional.ofNullable(greeting);
  }

  /** Returns whether the connection is protected by TLS. */
  public boolean isSecure() {
    return secure;
  }

  /** Returns whether {@code UTF8} was accepted (RFC 6856). */
  public boolean isUtf8() {
    return utf8;
  }

  /** Returns the number of commands sent and not yet answered. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Returns whether a multi-line body is being received. */
  public boolean isInBody() {
    return inBody;
  }

  /**
   * Returns whether the session ended with the server's {@code +OK} to {@code QUIT} in the UPDATE
   * state: only then were the messages marked deleted removed (RFC 1939 §6).
   */
  public boolean deletionsCommitted() {
    return quitCommitted;
  }

  /** Records the server's capabilities (after CAPA, or {@link Capabilities#NONE} on -ERR). */
  public void onCapabilities(Capabilities caps) {
    this.capabilities = caps;
  }

  /**
   * Records that TLS was established after {@code STLS +OK}: the capabilities are forgotten and
   * must be asked for again (RFC 2595 §4).
   */
  public void onTlsStarted() {
    secure = true;
    capabilities = Capabilities.NONE;
  }

  /** Records that the connection closed; unanswered commands are dropped. */
  public void onClosed() {
    if (state != Pop3State.CLOSED) {
      state = inFlight.isEmpty() && !inBody && state != Pop3State.UPDATE ? Pop3State.CLOSED : Pop3State.FAILED;
    }
    inFlight.clear();
  }

  /** Marks the session unusable (after a protocol or I/O error). */
  public void fail() {
    state = Pop3State.FAILED;
    inFlight.clear();
  }

  /**
   * Checks that {@code c} may be sent now and records it as in flight.
   *
   * @return {@code c.bytes()}, to write
   * @throws IllegalStateException if the command is not legal in this state, or commands are in
   *     flight and the command cannot be pipelined (no PIPELINING, or a state-changing command)
   */
  public byte[] send(Pop3Command c) {
    Pop3Command.Name n = c.name();
    if (inSasl) {
      if (n != Pop3Command.Name.AUTH_RESPONSE) {
        throw new IllegalStateException(n + " during a SASL exchange");
      }
      if (!inFlight.isEmpty()) {
        throw new IllegalStateException("a SASL response before the server's continuation");
      }
      inFlight.add(c);
      return c.bytes();
    }
    if (!allowed(n)) {
      throw new IllegalStateException(n + " is not allowed in state " + state + (inBody ? " (body in progress)" : ""));
    }
    if (!inFlight.isEmpty() || inBody) {
      if (!capabilities.pipelining()
          || !pipelinable(n)
          || (!inFlight.isEmpty() && !pipelinable(inFlight.peekLast().name()))) {
        throw new IllegalStateException(
            n + " while " + inFlight.size() + " command(s) await replies (pipelining "
                + (capabilities.pipelining() ? "not allowed for this command" : "not announced") + ")");
      }
    }
    inFlight.add(c);
    if (n == Pop3Command.Name.AUTH) {
      inSasl = true;
    }
    if (n == Pop3Command.Name.QUIT && state == Pop3State.TRANSACTION) {
      state = Pop3State.UPDATE;
    }
    return c.bytes();
  }

  /**
   * Matches a status line: the greeting, or the reply to the oldest command in flight.
   *
   * @return the reply, saying whether a multi-line body follows
   * @throws ProtocolException if nothing awaits a reply, a body is still in progress, or a
   *     continuation arrives outside a SASL exchange; the session is then {@link Pop3State#FAILED}
   * @throws IllegalStateException if the body of the previous reply was not ended with {@link
   *     #onBodyEnd()} (driver misuse)
   */
  public Reply onStatus(StatusLine s) throws ProtocolException {
    if (inBody) {
      fail();
      throw new IllegalStateException("status line handed over while a multi-line body is in progress");
    }
    if (state == Pop3State.GREETING) {
      if (s.isContinuation()) {
        fail();
        throw new ProtocolException("greeting is a SASL continuation: " + s);
      }
      greeting = s;
      state = s.isOk() ? Pop3State.AUTHORIZATION : Pop3State.CLOSED;
      return new Reply(null, s, false);
    }
    Pop3Command c = inFlight.poll();
    if (c == null) {
      fail();
      throw new ProtocolException("unsolicited server response: " + s);
    }
    if (s.isContinuation() && !inSasl) {
      fail();
      throw new ProtocolException("SASL continuation in reply to " + c.name() + ": " + s);
    }
    boolean body = s.isOk() && c.isMultiLine();
    transition(c.name(), s.kind());
    inBody = body;
    return new Reply(c, s, body);
  }

  /** Records the end of the multi-line body announced by the last reply. */
  public void onBodyEnd() {
    if (!inBody) {
      throw new IllegalStateException("no multi-line body in progress");
    }
    inBody = false;
  }

  /** The one place where replies move the session between states. */
  private void transition(Pop3Command.Name c, StatusLine.Kind k) {
    boolean ok = k == StatusLine.Kind.OK;
    switch (c) {
      case USER -> userAccepted = ok;
      case PASS, APOP -> {
        userAccepted = false;
        if (ok) {
          state = Pop3State.TRANSACTION;
        }
      }
      case AUTH, AUTH_RESPONSE -> {
        if (k != StatusLine.Kind.CONTINUATION) {
          inSasl = false;
          if (ok) {
            state = Pop3State.TRANSACTION;
          }
        }
      }
      case STLS -> {
        // onTlsStarted() follows the handshake; the state stays AUTHORIZATION.
      }
      case UTF8 -> utf8 |= ok;
      case QUIT -> {
        quitCommitted = ok && state == Pop3State.UPDATE;
        state = Pop3State.CLOSED;
      }
      default -> {
        // STAT, LIST, UIDL, RETR, TOP, DELE, NOOP, RSET, CAPA, LANG: no state change.
      }
    }
  }

  private boolean allowed(Pop3Command.Name n) {
    if (inBody && !capabilities.pipelining()) {
      return false;
    }
    return switch (state) {
      case AUTHORIZATION -> switch (n) {
        case USER, APOP, AUTH, CAPA, QUIT, UTF8, LANG -> true;
        case PASS -> userAccepted;
        case STLS -> !secure;
        default -> false;
      };
      case TRANSACTION -> switch (n) {
        case STAT, LIST, UIDL, RETR, TOP, DELE, NOOP, RSET, QUIT, CAPA, LANG -> true;
        default -> false;
      };
      default -> false;
    };
  }

  /** Commands whose replies never change the state or the connection (RFC 2449 §6.6). */
  private static boolean pipelinable(Pop3Command.Name n) {
    return switch (n) {
      case STAT, LIST, UIDL, RETR, TOP, DELE, NOOP, RSET, CAPA, QUIT -> true;
      default -> false;
    };
  }
}

package org.mailwire.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mailwire.smtp.codec.Addresses;
import org.mailwire.smtp.codec.BodyType;
import org.mailwire.smtp.codec.DsnNotify;
import org.mailwire.smtp.codec.DsnReturn;
import org.mailwire.smtp.codec.MailFrom;
import org.mailwire.smtp.codec.RcptTo;

/**
 * Who a message is from and to, and how it travels: the SMTP envelope (RFC 5321 §2.3.1) with the
 * ESMTP parameters, plus a label that names the message in results and exceptions. Immutable;
 * addresses are checked when built.
 *
 * <pre>{@code
 * Envelope env = Envelope.builder("news@example.com")
 *     .to("alice@example.org")
 *     .to(new RcptTo("bob@example.org", Set.of(DsnNotify.FAILURE), null))
 *     .body(BodyType.EIGHT_BIT_MIME)
 *     .label("<newsletter-42@example.com>")
 *     .build();
 * }</pre>
 */
public final class Envelope {
  private final MailFrom mailFrom;
  private final List<RcptTo> recipients;
  private final RecipientPolicy policy;
  private final String label;

  private Envelope(Builder b) {
    boolean utf8 = b.smtputf8 != null ? b.smtputf8 : needsUtf8(b.sender, b.recipients);
    this.mailFrom =
        new MailFrom(b.sender, b.size, b.body, utf8, b.ret, b.envelopeId, b.requireTls);
    for (RcptTo r : b.recipients) {
      Addresses.checkMailbox(r.forwardPath(), utf8, "recipient address");
    }
    this.recipients = List.copyOf(b.recipients);
    this.policy = b.policy;
    this.label =
        b.label != null
            ? b.label
            : "message from <" + b.sender + "> to <" + b.recipients.get(0).forwardPath() + ">"
                + (b.recipients.size() > 1 ? " and " + (b.recipients.size() - 1) + " more" : "");
  }

  private static boolean needsUtf8(String sender, List<RcptTo> rcpts) {
    if (!Addresses.isAscii(sender)) {
      return true;
    }
    for (RcptTo r : rcpts) {
      if (!Addresses.isAscii(r.forwardPath())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts an envelope from {@code sender}; {@code ""} is the null reverse-path {@code <>}.
   *
   * @throws NullPointerException when {@code sender} is null
   */
  public static Builder builder(String sender) {
    return new Builder(sender);
  }

  /** The MAIL FROM command, parameters included. */
  public MailFrom mailFrom() {
    return mailFrom;
  }

  /** The sender address; {@code ""} for the null reverse-path. */
  public String sender() {
    return mailFrom.reversePath();
  }

  /** The RCPT TO commands, in order. */
  public List<RcptTo> recipients() {
    return recipients;
  }

  /** What happens when only some recipients are accepted. */
  public RecipientPolicy recipientPolicy() {
    return policy;
  }

  /** The name of the message in results and exceptions. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }

  /** Builds an {@link Envelope}. */
  public static final class Builder {
    private final String sender;
    private final List<RcptTo> recipients = new ArrayList<>();
    private long size = -1;
    private BodyType body = BodyType.SEVEN_BIT;
    private Boolean smtputf8;
    private DsnReturn ret;
    private String envelopeId;
    private boolean requireTls;
    private RecipientPolicy policy = RecipientPolicy.ALL_OR_NOTHING;
    private String label;

    private Builder(String sender) {
      this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** Adds recipients without DSN parameters. */
    public Builder to(String... addresses) {
      for (String a : addresses) {
        recipients.add(RcptTo.of(a));
      }
      return this;
    }

    /** Adds a recipient with DSN parameters. */
    public Builder to(RcptTo recipient) {
      recipients.add(Objects.requireNonNull(recipient, "recipient"));
      return this;
    }

    /** Adds a recipient with {@code NOTIFY=} values. */
    public Builder to(String address, Set<DsnNotify> notify) {
      recipients.add(new RcptTo(address, notify, null));
      return this;
    }

    /** Declares the message size (RFC 1870 {@code SIZE=}; sent only when the server offers SIZE). */
    public Builder size(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("size must be >= 0");
      }
      this.size = bytes;
      return this;
    }

    /** The content type: 7BIT (default), 8BITMIME or BINARYMIME. */
    public Builder body(BodyType body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /**
     * Whether to send SMTPUTF8 (RFC 6531). By default it is sent exactly when an address is not
     * ASCII; set it for a message with raw UTF-8 headers and ASCII addresses.
     */
    public Builder smtputf8(boolean on) {
      this.smtputf8 = on;
      return this;
    }

    /** RFC 3461 {@code RET=} and {@code ENVID=} (either may be {@code null}). */
    public Builder dsn(DsnReturn ret, String envelopeId) {
      this.ret = ret;
      this.envelopeId = envelopeId;
      return this;
    }

    /** Sends RFC 8689 {@code REQUIRETLS}. */
    public Builder requireTls() {
      this.requireTls = true;
      return this;
    }

    /** What happens when only some recipients are accepted; default {@link RecipientPolicy#ALL_OR_NOTHING}. */
    public Builder recipientPolicy(RecipientPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The name of the message in results and exceptions, e.g. its Message-ID. */
    public Builder label(String label) {
      this.label = Objects.requireNonNull(label, "label");
      return this;
    }

    /**
     * @throws IllegalArgumentException when there is no recipient or an address or parameter is
     *     invalid (see {@link Addresses})
     */
    public Envelope build() {
      if (recipients.isEmpty()) {
        throw new IllegalArgumentException("an envelope needs at least one recipient");
      }
      return new Envelope(this);
    }
  }
}

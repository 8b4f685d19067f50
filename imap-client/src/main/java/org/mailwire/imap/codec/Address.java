package org.mailwire.imap.codec;

/**
 * An address of an {@link Envelope}, as the server sent it ({@code NIL} fields are {@code null}).
 * RFC 2047 encoded words are not decoded. A group is sent as a start marker ({@link
 * #isGroupStart()}: mailbox = group name, host = null), its members, and an end marker ({@link
 * #isGroupEnd()}).
 *
 * @param name the display name
 * @param adl the source route (obsolete)
 * @param mailbox the local part, or the group name
 * @param host the domain
 */
public record Address(String name, String adl, String mailbox, String host) {
  /** Whether this starts a group (RFC 3501 §7.4.2). */
  public boolean isGroupStart() {
    return host == null && mailbox != null;
  }

  /** Whether this ends a group. */
  public boolean isGroupEnd() {
    return host == null && mailbox == null;
  }

  /** {@code mailbox@host}, or {@code null} for a group marker. */
  public String email() {
    return host == null ? null : mailbox + "@" + host;
  }
}

package org.mailwire.pop3.codec;

/**
 * The reply to {@code STAT} (RFC 1939 §5): the maildrop's size, not counting messages marked
 * deleted.
 *
 * @param messages the number of messages
 * @param octets their total size in octets
 */
public record MailboxStat(int messages, long octets) {}

package org.mailwire.imap.codec;

import java.util.List;

/**
 * The ENVELOPE of a message: header fields as the server parsed them, raw (RFC 2047 encoded
 * words are not decoded). {@code NIL} strings are {@code null}; {@code NIL} address lists are empty
 * lists.
 *
 * @param date the Date header
 * @param subject the Subject header
 * @param from the From addresses
 * @param sender the Sender addresses
 * @param replyTo the Reply-To addresses
 * @param to the To addresses
 * @param cc the Cc addresses
 * @param bcc the Bcc addresses
 * @param inReplyTo the In-Reply-To header
 * @param messageId the Message-ID header
 */
public record Envelope(
    String date,
    String subject,
    List<Address> from,
    List<Address> sender,
    List<Address> replyTo,
    List<Address> to,
    List<Address> cc,
    List<Address> bcc,
    String inReplyTo,
    String messageId) {}

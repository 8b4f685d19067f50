package org.mailwire.pop3;

/**
 * What is known about a message before it is retrieved.
 *
 * @param number the message number in this session (RFC 1939: stable for the session only)
 * @param size the size in octets from {@code LIST} (as the server counts it; may differ slightly
 *     from the bytes received)
 * @param uid the unique id from {@code UIDL}, or {@code null} when the server does not support it
 */
public record MessageInfo(int number, long size, String uid) {}

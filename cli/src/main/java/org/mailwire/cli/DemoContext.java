package org.mailwire.cli;

import java.io.PrintStream;
import org.mailwire.transport.WireTrace;

/**
 * What {@code ./mailwire demo} hands each protocol's demo step: the embedded servers' loopback
 * address and ports (plain, no TLS), a test user, the wire trace to pass to clients, and where to
 * print.
 *
 * @param host the servers' address, {@code 127.0.0.1}
 * @param smtpPort the embedded SMTP server
 * @param pop3Port the embedded POP3 server
 * @param imapPort the embedded IMAP server
 * @param user the demo user's login name
 * @param password the demo user's password
 * @param address the demo user's mail address (SMTP recipient)
 * @param trace the wire trace printing {@code C:}/{@code S:} lines to {@code out}
 * @param out where to print what the demo shows
 */
public record DemoContext(
    String host,
    int smtpPort,
    int pop3Port,
    int imapPort,
    String user,
    String password,
    String address,
    WireTrace trace,
    PrintStream out) {}

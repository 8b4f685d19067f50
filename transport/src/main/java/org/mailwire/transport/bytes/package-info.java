/**
 * The byte utilities every mailwire codec shares: {@link org.mailwire.transport.bytes.InputBuffer}
 * (received bytes with read and write indices, growing up to a limit, line scanning that never
 * rescans), the {@link org.mailwire.transport.bytes.Decoder} contract ("need more input" is {@code
 * null}, and a partial parse consumes nothing), and {@link org.mailwire.transport.bytes.Ascii}
 * (keyword matching and number parsing on byte ranges, without allocation or exceptions).
 */
package org.mailwire.transport.bytes;

/**
 * Mechanism implementations, SASLprep and the stringprep tables. Not exported; not API.
 */
package org.mailwire.sasl.internal;

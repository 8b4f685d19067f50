/** JMH benchmarks of mailwire, side by side with Angus Mail and Commons Net. */
package org.mailwire.benchmarks;

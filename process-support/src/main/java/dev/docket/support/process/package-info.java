/** The service as an operating-system process: it does not outlive the launcher that started it. */
package dev.docket.support.process;

/**
 * The PrimeFaces console: Faces backing beans (pages live in src/main/webapp). An interface: beans call the
 * capability services and show their failures as messages next to the fields; no business rules live here.
 * May use: {@code alert}, {@code audit}, {@code backup}, {@code errors}, {@code execution}, {@code job},
 * {@code lib.archive}, {@code lib.process}, {@code limit}, {@code node}, {@code paging}, {@code queue}, {@code schedule},
 * {@code secret}, {@code security}, {@code settings}; Faces, PrimeFaces.
 */
package io.backupscheduler.console;

/**
 * The PrimeFaces console: Faces backing beans (pages live in src/main/webapp). Beans call the capability
 * services and show their failures as messages next to the fields; no business rules live here.
 */
package io.backupscheduler.console;

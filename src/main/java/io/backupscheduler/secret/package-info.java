/**
 * Named secrets (restic passwords, storage keys) encrypted at rest: the keyset ({@code SecretKeys}, from
 * configuration or a key file), the cipher over it ({@code SecretCipher}, Tink AEAD) and the store
 * ({@code SecretStore}) that never hands a value to anything but a run that needs it; and the keyset that wraps the
 * data keys of encrypted backup points ({@code PointKeys}).
 * May use: {@code audit}, {@code errors}, {@code lib.archive}, {@code persistence}, {@code settings}; Tink, Jakarta Persistence,
 * MicroProfile Config.
 */
package io.backupscheduler.secret;

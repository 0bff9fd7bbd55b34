/**
 * Personal data in the event contract: which fields of which events hold it and whose it is ({@link
 * dev.docket.events.privacy.PersonalData}), and the sealed form those fields take wherever the event is stored or
 * published ({@link dev.docket.events.privacy.SealedText}): AES-256-GCM under a key of the person it belongs to. An
 * erasure destroys that key; every copy of the sealed text becomes unreadable while the bytes, and so the audit
 * chain over them, stay as they were. JDK cryptography only.
 */
package dev.docket.events.privacy;

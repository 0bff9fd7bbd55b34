/** The people read model ({@code person}): display names, roles and whether a person is active. */
package dev.docket.query.people;

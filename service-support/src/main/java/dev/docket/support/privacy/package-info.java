/**
 * The JSON side of sealed personal fields, shared by the command service (which seals and opens what it stores) and
 * the query service (which opens what the topic carries): finding the key ids a payload names, and opening its
 * sealed fields in place.
 */
package dev.docket.support.privacy;

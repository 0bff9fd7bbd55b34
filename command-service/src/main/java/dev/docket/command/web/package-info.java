/**
 * The REST command API. Controllers map JSON to commands and answers back; rules live in the domain and error
 * answers in the shared problem mapping.
 */
package dev.docket.command.web;

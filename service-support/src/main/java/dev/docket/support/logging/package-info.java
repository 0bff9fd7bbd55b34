/** How the services log: readable lines locally, structured JSON in the production profile. */
package dev.docket.support.logging;

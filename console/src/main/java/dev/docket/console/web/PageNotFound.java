package dev.docket.console.web;

/** A console address that names nothing (a queue that does not exist): the not-found page, with this sentence. */
final class PageNotFound extends RuntimeException {

    PageNotFound(String detail) {
        super(detail);
    }
}

package dev.neoagent.broker.kotak;

/** HTTP status and body text of one Kotak answer, before any interpretation. */
record WireResponse(int status, String body) {}

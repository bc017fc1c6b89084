// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON as QMP speaks it (RFC 8259, plus QEMU's single-quoted strings), to and from QValue.
 * The streamer cuts a byte stream into top-level values the way QEMU's does: a value is
 * complete when its brackets close (or, for a bare scalar, when it ends), whatever the line
 * breaks, and each one is parsed and handed to the caller with either a value or an error
 * in QEMU's words ("JSON parse error, ..."). Input is bounded: nesting depth, the size of one
 * value and its token count, as QEMU bounds them.
 */
#ifndef QOBJECT_JSON_H
#define QOBJECT_JSON_H

#include "qemu/error.h"
#include "qom/qvalue.h"

#define JSON_MAX_NESTING     1024
#define JSON_MAX_TEXT_SIZE   (64u << 20)
#define JSON_MAX_TOKEN_COUNT (2u << 20)

/* Parses one complete JSON text (surrounding whitespace allowed). */
bool json_parse(const char *text, size_t len, QValue *out, Error **errp);

/* Called with each value (the callee owns it) or with an error (value NULL, err owned). */
typedef void JsonEmit(void *opaque, QValue *value, Error *err);

typedef struct JsonStreamer {
	JsonEmit *emit;
	void *opaque;
	GString *text;	 /* the value being collected */
	unsigned depth;	 /* brackets and braces open */
	unsigned tokens; /* tokens in this value, roughly */
	char quote;	 /* inside a string: its quote character */
	bool escape;	 /* the string's previous character was a backslash */
	bool word;	 /* inside a bare scalar at the top level */
	bool skipping;	 /* after a limit error: dropping input until the value ends */
} JsonStreamer;

void json_streamer_init(JsonStreamer *s, JsonEmit *emit, void *opaque);
void json_streamer_feed(JsonStreamer *s, const uint8_t *buf, size_t len);
/* Forgets any partial value (a new client on the monitor). */
void json_streamer_reset(JsonStreamer *s);
void json_streamer_destroy(JsonStreamer *s);

/* The value as QMP sends it: "{"a": 1}", or QEMU's indented form with pretty. */
GString *json_write(const QValue *v, bool pretty);

#endif

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The typed value every property is read and written through: a boolean, a signed or unsigned
 * integer, a string or a list of values (QMP's JSON scalars and arrays); QMP's messages add
 * floating-point numbers, objects (dicts, keys kept in order) and null. Properties store their
 * values in their own C fields; a QValue is only the form values travel in, between the command
 * line's strings, QMP and the fields. Links, children and enums travel as strings (a path or a
 * name), sizes as unsigned integers, as they do in QEMU.
 */
#ifndef QOM_QVALUE_H
#define QOM_QVALUE_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef enum QValueKind {
	QV_NONE, /* no value: a cleared QValue; JSON's null */
	QV_BOOL,
	QV_INT,	 /* int64_t */
	QV_UINT, /* uint64_t */
	QV_STR,
	QV_LIST, /* GPtrArray of QValue *, owned */
	QV_NUM,	 /* double: a JSON number with a fraction or exponent */
	QV_DICT, /* GPtrArray of QValueEntry *, owned, in insertion order */
} QValueKind;

typedef struct QValue {
	QValueKind kind;
	union {
		bool b;
		int64_t i;
		uint64_t u;
		char *s;
		GPtrArray *list;
		double d;
		GPtrArray *dict;
	};
} QValue;

typedef struct QValueEntry {
	char *key;
	QValue value;
	uint64_t seq; /* when the key was first put: QEMU's QDict lists a bucket newest first */
} QValueEntry;

static inline QValue qv_bool(bool b)
{
	return (QValue){ .kind = QV_BOOL, .b = b };
}
static inline QValue qv_int(int64_t i)
{
	return (QValue){ .kind = QV_INT, .i = i };
}
static inline QValue qv_uint(uint64_t u)
{
	return (QValue){ .kind = QV_UINT, .u = u };
}
static inline QValue qv_num(double d)
{
	return (QValue){ .kind = QV_NUM, .d = d };
}
/* Copies s (NULL gives the empty string). */
QValue qv_str(const char *s);
QValue qv_list(void);
/* Appends item to the list, which takes over what item owns. */
void qv_list_append(QValue *list, QValue item);
QValue qv_dict(void);
/* Sets key to value (replacing an earlier one); the dict takes over what value owns. */
void qv_dict_put(QValue *dict, const char *key, QValue value);
/* The value under key, NULL if absent (or dict is not a dict). */
const QValue *qv_dict_get(const QValue *dict, const char *key);
/* The string under key, NULL if absent or not a string. */
const char *qv_dict_get_str(const QValue *dict, const char *key);
/*
 * Reorders every dict in v (recursively) the way QEMU's QDict iterates: by hash bucket, the
 * later of two keys in one bucket first. QEMU's tools print JSON in that order.
 */
void qv_order_as_qdict(QValue *v);
/* Frees what v owns and leaves it QV_NONE. */
void qv_clear(QValue *v);
QValue qv_copy(const QValue *v);
bool qv_equal(const QValue *a, const QValue *b);

/* The kind's name in QEMU's "Invalid parameter type" errors ("boolean", "integer", ...). */
const char *qv_kind_name(QValueKind kind);
/* The value as -device help and HMP show it: true/false, decimal, the string, "a,b". */
char *qv_to_string(const QValue *v);

/* An integer of either signedness as the other, when it fits. */
bool qv_get_int(const QValue *v, int64_t *out);
bool qv_get_uint(const QValue *v, uint64_t *out);

#endif

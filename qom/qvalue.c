// SPDX-License-Identifier: GPL-2.0-or-later
/* Typed values: construction, copying, comparison and their string form. */
#include "qemu/osdep.h"
#include "qom/qvalue.h"

QValue qv_str(const char *s)
{
	return (QValue){ .kind = QV_STR, .s = g_strdup(s ? s : "") };
}

static void qv_free(gpointer p)
{
	qv_clear(p);
	g_free(p);
}

QValue qv_list(void)
{
	return (QValue){ .kind = QV_LIST, .list = g_ptr_array_new_with_free_func(qv_free) };
}

void qv_list_append(QValue *list, QValue item)
{
	g_ptr_array_add(list->list, g_memdup2(&item, sizeof(item)));
}

static void entry_free(gpointer p)
{
	QValueEntry *e = p;

	g_free(e->key);
	qv_clear(&e->value);
	g_free(e);
}

QValue qv_dict(void)
{
	return (QValue){ .kind = QV_DICT, .dict = g_ptr_array_new_with_free_func(entry_free) };
}

static QValueEntry *dict_find(const QValue *dict, const char *key)
{
	if (dict->kind != QV_DICT)
		return NULL;
	for (guint i = 0; i < dict->dict->len; i++) {
		QValueEntry *e = g_ptr_array_index(dict->dict, i);
		if (!strcmp(e->key, key))
			return e;
	}
	return NULL;
}

static uint64_t next_seq;

void qv_dict_put(QValue *dict, const char *key, QValue value)
{
	QValueEntry *e = dict_find(dict, key);

	if (e) {
		qv_clear(&e->value);
		e->value = value;
		return;
	}
	e = g_new(QValueEntry, 1);
	e->key = g_strdup(key);
	e->value = value;
	e->seq = next_seq++;
	g_ptr_array_add(dict->dict, e);
}

const QValue *qv_dict_get(const QValue *dict, const char *key)
{
	QValueEntry *e = dict_find(dict, key);

	return e ? &e->value : NULL;
}

const char *qv_dict_get_str(const QValue *dict, const char *key)
{
	const QValue *v = qv_dict_get(dict, key);

	return v && v->kind == QV_STR ? v->s : NULL;
}

void qv_clear(QValue *v)
{
	if (v->kind == QV_STR)
		g_free(v->s);
	else if (v->kind == QV_LIST)
		g_ptr_array_free(v->list, TRUE);
	else if (v->kind == QV_DICT)
		g_ptr_array_free(v->dict, TRUE);
	*v = (QValue){ .kind = QV_NONE };
}

QValue qv_copy(const QValue *v)
{
	QValue c;

	switch (v->kind) {
	case QV_STR:
		return qv_str(v->s);
	case QV_LIST:
		c = qv_list();
		for (guint i = 0; i < v->list->len; i++)
			qv_list_append(&c, qv_copy(g_ptr_array_index(v->list, i)));
		return c;
	case QV_DICT:
		c = qv_dict();
		for (guint i = 0; i < v->dict->len; i++) {
			QValueEntry *e = g_ptr_array_index(v->dict, i);
			QValueEntry *n = g_new(QValueEntry, 1);

			*n = (QValueEntry){ g_strdup(e->key), qv_copy(&e->value), e->seq };
			g_ptr_array_add(c.dict, n); /* keys are unique already; the order stays */
		}
		return c;
	default:
		return *v;
	}
}

bool qv_equal(const QValue *a, const QValue *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case QV_NONE:
		return true;
	case QV_BOOL:
		return a->b == b->b;
	case QV_INT:
		return a->i == b->i;
	case QV_UINT:
		return a->u == b->u;
	case QV_STR:
		return !strcmp(a->s, b->s);
	case QV_LIST:
		if (a->list->len != b->list->len)
			return false;
		for (guint i = 0; i < a->list->len; i++)
			if (!qv_equal(g_ptr_array_index(a->list, i), g_ptr_array_index(b->list, i)))
				return false;
		return true;
	case QV_NUM:
		return a->d == b->d;
	case QV_DICT:
		/* the same keys with equal values, in any order */
		if (a->dict->len != b->dict->len)
			return false;
		for (guint i = 0; i < a->dict->len; i++) {
			QValueEntry *e = g_ptr_array_index(a->dict, i);
			const QValue *other = qv_dict_get(b, e->key);
			if (!other || !qv_equal(&e->value, other))
				return false;
		}
		return true;
	}
	return false;
}

const char *qv_kind_name(QValueKind kind)
{
	static const char *const names[] = {
		[QV_NONE] = "null",    [QV_BOOL] = "boolean", [QV_INT] = "integer",
		[QV_UINT] = "integer", [QV_STR] = "string",   [QV_LIST] = "array",
		[QV_NUM] = "number",   [QV_DICT] = "object",
	};
	return names[kind];
}

char *qv_to_string(const QValue *v)
{
	GString *s;

	switch (v->kind) {
	case QV_BOOL:
		return g_strdup(v->b ? "true" : "false");
	case QV_INT:
		return g_strdup_printf("%" PRId64, v->i);
	case QV_UINT:
		return g_strdup_printf("%" PRIu64, v->u);
	case QV_STR:
		return g_strdup(v->s);
	case QV_NUM:
		return g_strdup_printf("%.17g", v->d);
	case QV_LIST:
		s = g_string_new(NULL);
		for (guint i = 0; i < v->list->len; i++) {
			char *item = qv_to_string(g_ptr_array_index(v->list, i));
			g_string_append_printf(s, "%s%s", i ? "," : "", item);
			g_free(item);
		}
		return g_string_free(s, FALSE);
	default:
		return g_strdup("");
	}
}

bool qv_get_int(const QValue *v, int64_t *out)
{
	if (v->kind == QV_INT)
		*out = v->i;
	else if (v->kind == QV_UINT && v->u <= INT64_MAX)
		*out = (int64_t)v->u;
	else
		return false;
	return true;
}

bool qv_get_uint(const QValue *v, uint64_t *out)
{
	if (v->kind == QV_UINT)
		*out = v->u;
	else if (v->kind == QV_INT && v->i >= 0)
		*out = (uint64_t)v->i;
	else
		return false;
	return true;
}

/* QEMU's QDict: the TDB hash of the key, modulo 512 buckets. */
static unsigned qdict_bucket(const char *key)
{
	unsigned v = 0x238F13AF * (unsigned)strlen(key);

	for (unsigned i = 0; key[i]; i++)
		v += (unsigned)(unsigned char)key[i] << (i * 5 % 24);
	return (1103515243 * v + 12345) % 512;
}

typedef struct OrderedEntry {
	unsigned bucket;
	QValueEntry *e;
} OrderedEntry;

/* By insertion time, not position: ordering an ordered dict again changes nothing. */
static gint ordered_cmp(gconstpointer a, gconstpointer b)
{
	const OrderedEntry *x = a, *y = b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return x->e->seq > y->e->seq ? -1 : 1; /* a bucket lists its newest key first */
}

void qv_order_as_qdict(QValue *v)
{
	if (v->kind == QV_LIST) {
		for (guint i = 0; i < v->list->len; i++)
			qv_order_as_qdict(g_ptr_array_index(v->list, i));
	}
	if (v->kind != QV_DICT)
		return;
	GArray *order = g_array_sized_new(FALSE, FALSE, sizeof(OrderedEntry), v->dict->len);
	for (guint i = 0; i < v->dict->len; i++) {
		QValueEntry *e = g_ptr_array_index(v->dict, i);
		OrderedEntry o = { qdict_bucket(e->key), e };
		qv_order_as_qdict(&e->value);
		g_array_append_val(order, o);
	}
	g_array_sort(order, ordered_cmp);
	for (guint i = 0; i < order->len; i++)
		g_ptr_array_index(v->dict, i) = g_array_index(order, OrderedEntry, i).e;
	g_array_free(order, TRUE);
}

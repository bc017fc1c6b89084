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

void qv_clear(QValue *v)
{
	if (v->kind == QV_STR)
		g_free(v->s);
	else if (v->kind == QV_LIST)
		g_ptr_array_free(v->list, TRUE);
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
	}
	return false;
}

const char *qv_kind_name(QValueKind kind)
{
	static const char *const names[] = {
		[QV_NONE] = "null",   [QV_BOOL] = "boolean", [QV_INT] = "integer",
		[QV_UINT] = "integer", [QV_STR] = "string",  [QV_LIST] = "array",
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

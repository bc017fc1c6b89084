// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The QMP dispatcher: the command registry every subsystem adds to, the checks QEMU makes on
 * a request (its members, the command's existence, each argument's presence and type, with
 * QEMU's error classes and texts), and the reply with the request's id echoed.
 */
#include "qemu/osdep.h"
#include "monitor/qmp.h"

static GHashTable *commands; /* name -> const QmpCommand * */

void qmp_register_commands(const QmpCommand *table)
{
	if (!commands)
		commands = g_hash_table_new(g_str_hash, g_str_equal);
	for (; table->name; table++) {
		g_assert(!g_hash_table_contains(commands, table->name));
		g_hash_table_insert(commands, (gpointer)table->name, (gpointer)table);
	}
}

GPtrArray *qmp_command_names(void)
{
	GPtrArray *names = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;

	g_hash_table_iter_init(&it, commands);
	while (g_hash_table_iter_next(&it, &key, NULL))
		g_ptr_array_add(names, key);
	return names;
}

static bool kind_matches(QValueKind want, const QValue *v)
{
	if (want == QMP_ANY)
		return true;
	if (want == QV_INT) /* QAPI's int: a uint64 above INT64_MAX is the wrong type */
		return v->kind == QV_INT;
	if (want == QV_UINT)
		return v->kind == QV_INT ? v->i >= 0 : v->kind == QV_UINT;
	if (want == QV_NUM)
		return v->kind == QV_NUM || v->kind == QV_INT || v->kind == QV_UINT;
	return v->kind == want;
}

/* The arguments against the command's list, in its order; then anything left over. */
static bool check_args(const QmpCommand *cmd, const QValue *args, Error **errp)
{
	guint known = 0;

	for (const QmpArg *a = cmd->args; a && a->name; a++) {
		const QValue *v = qv_dict_get(args, a->name);

		if (!v && !a->optional) {
			error_setg(errp, "Parameter '%s' is missing", a->name);
			return false;
		}
		if (v && !kind_matches(a->kind, v)) {
			error_setg(errp, "Invalid parameter type for '%s', expected: %s", a->name,
				   qv_kind_name(a->kind));
			return false;
		}
		known += v != NULL;
	}
	if (known == args->dict->len)
		return true;
	for (guint i = 0; i < args->dict->len; i++) {
		const QValueEntry *e = g_ptr_array_index(args->dict, i);
		const QmpArg *a = cmd->args;

		while (a && a->name && strcmp(a->name, e->key) && strcmp(a->name, "*"))
			a++;
		if (!a || !a->name) {
			error_setg(errp, "Parameter '%s' is unexpected", e->key);
			return false;
		}
	}
	return true;
}

/* The request's members, as QEMU checks them; returns the command name or NULL. */
static const char *check_request(const QValue *req, Error **errp)
{
	static const char *const known[] = { "execute", "arguments", "id", "control" };

	if (req->kind != QV_DICT) {
		error_setg(errp, "QMP input must be a JSON object");
		return NULL;
	}
	for (guint i = 0; i < req->dict->len; i++) {
		const QValueEntry *e = g_ptr_array_index(req->dict, i);
		bool ok = false;

		for (size_t k = 0; k < G_N_ELEMENTS(known); k++)
			ok |= !strcmp(e->key, known[k]);
		if (!ok) {
			error_setg(errp, "QMP input member '%s' is unexpected", e->key);
			return NULL;
		}
		if (!strcmp(e->key, "execute") && e->value.kind != QV_STR) {
			error_setg(errp, "QMP input member 'execute' must be a string");
			return NULL;
		}
		if (!strcmp(e->key, "arguments") && e->value.kind != QV_DICT) {
			error_setg(errp, "QMP input member 'arguments' must be an object");
			return NULL;
		}
	}
	if (!qv_dict_get_str(req, "execute")) {
		error_setg(errp, "QMP input lacks member 'execute'");
		return NULL;
	}
	return qv_dict_get_str(req, "execute");
}

QValue qmp_error_reply(Error *err)
{
	QValue reply = qv_dict(), e = qv_dict();

	qv_dict_put(&e, "class", qv_str(error_class_name(error_get_class(err))));
	qv_dict_put(&e, "desc", qv_str(error_get_pretty(err)));
	qv_dict_put(&reply, "error", e);
	error_free(err);
	return reply;
}

QValue qmp_dispatch_gated(const QValue *req, bool negotiating)
{
	const QValue *args, *id = req->kind == QV_DICT ? qv_dict_get(req, "id") : NULL;
	const QmpCommand *cmd = NULL;
	QValue empty = qv_dict(), ret = { .kind = QV_NONE }, reply;
	const char *name;
	Error *err = NULL;

	name = check_request(req, &err);
	if (name && negotiating && strcmp(name, "qmp_capabilities"))
		error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND,
			  "Expecting capabilities negotiation with 'qmp_capabilities'");
	else if (name && !negotiating && !strcmp(name, "qmp_capabilities"))
		error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND,
			  "Capabilities negotiation is already complete, command ignored");
	else if (name && !(cmd = commands ? g_hash_table_lookup(commands, name) : NULL))
		error_set(&err, ERROR_CLASS_COMMAND_NOT_FOUND, "The command %s has not been found",
			  name);
	if (cmd) {
		args = qv_dict_get(req, "arguments");
		if (check_args(cmd, args ? args : &empty, &err))
			cmd->fn(args ? args : &empty, &ret, &err);
	}
	if (err) {
		qv_clear(&ret);
		reply = qmp_error_reply(err);
	} else {
		reply = qv_dict();
		qv_dict_put(&reply, "return", ret.kind == QV_NONE ? qv_dict() : ret);
	}
	if (id)
		qv_dict_put(&reply, "id", qv_copy(id));
	qv_clear(&empty);
	return reply;
}

QValue qmp_dispatch(const QValue *request)
{
	return qmp_dispatch_gated(request, false);
}

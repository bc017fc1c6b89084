// SPDX-License-Identifier: GPL-2.0-or-later
/* QMP's view of the chardevs: query-chardev (label, what it is connected to, whether a
 * frontend uses it) and query-chardev-backends (the backend types -chardev takes). */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "monitor/qmp.h"

static void qmp_query_chardev(const QValue *args, QValue *ret, Error **errp)
{
	Object *container = object_get_container("chardevs");

	*ret = qv_list();
	for (guint i = 0; i < container->children->len; i++) {
		Chardev *chr = CHARDEV(g_ptr_array_index(container->children, i));
		QValue info = qv_dict();
		char *filename = qemu_chr_filename(chr);
		bool fe = chr->cls->has_frontend ? chr->cls->has_frontend(chr) : chr->be != NULL;

		qv_dict_put(&info, "frontend-open", qv_bool(fe));
		qv_dict_put(&info, "filename", qv_str(filename));
		qv_dict_put(&info, "label", qv_str(chr->label));
		qv_list_append(ret, info);
		g_free(filename);
	}
}

static void qmp_query_chardev_backends(const QValue *args, QValue *ret, Error **errp)
{
	GSList *list = object_class_get_list(TYPE_CHARDEV, false);

	*ret = qv_list();
	for (GSList *l = list; l; l = l->next) {
		const char *name = object_class_get_name(l->data);
		QValue item;

		if (CHARDEV_CLASS(l->data)->internal || CHARDEV_CLASS(l->data)->alias ||
		    !g_str_has_prefix(name, CHARDEV_TYPE_PREFIX))
			continue;
		item = qv_dict();
		qv_dict_put(&item, "name", qv_str(name + strlen(CHARDEV_TYPE_PREFIX)));
		qv_list_append(ret, item);
	}
	g_slist_free(list);
}

static const QmpCommand chardev_commands[] = {
	{ "query-chardev", qmp_query_chardev },
	{ "query-chardev-backends", qmp_query_chardev_backends },
	{ NULL },
};

static void chardev_commands_register(void)
{
	qmp_register_commands(chardev_commands);
}
qmp_init(chardev_commands_register)

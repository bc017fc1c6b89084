// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The registry of host I/O engines (block/aio-engine.h). An engine is started once, on the
 * first node that asks for it, and then serves every node for the life of the process.
 */
#include "qemu/osdep.h"
#include "block/aio-engine.h"

#define MAX_ENGINES 4

static struct {
	const AioEngine *engine;
	bool started;
} engines[MAX_ENGINES];
static int n_engines;

void aio_engine_register(const AioEngine *e)
{
	g_assert(n_engines < MAX_ENGINES);
	engines[n_engines++].engine = e;
}

const AioEngine *aio_engine_get(const char *name, Error **errp)
{
	for (int i = 0; name && i < n_engines; i++) {
		Error *err = NULL;

		if (strcmp(engines[i].engine->name, name))
			continue;
		if (!engines[i].started && !engines[i].engine->start(&err)) {
			error_prepend(&err, "Unable to use %s: ", engines[i].engine->title);
			error_propagate(errp, err);
			return NULL;
		}
		engines[i].started = true;
		return engines[i].engine;
	}
	return NULL;
}

// SPDX-License-Identifier: GPL-2.0-or-later
/* memory-backend-ram: anonymous host memory (shared with children of this process if share=on). */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "sysemu/hostmem.h"

static void *ram_map(HostMemoryBackend *b, Error **errp)
{
	void *p = mmap(NULL, b->size, PROT_READ | PROT_WRITE,
		       host_memory_backend_mmap_flags(b) | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		error_setg_errno(errp, errno, "cannot set up guest memory '%s'",
				 OBJECT(b)->name ? OBJECT(b)->name : "");
		return NULL;
	}
	return p;
}

static void ram_class_init(ObjectClass *oc, const void *data)
{
	((HostMemoryBackendClass *)oc)->map = ram_map;
}

static void ram_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_MEMORY_BACKEND_RAM,
		.parent = TYPE_MEMORY_BACKEND,
		.instance_size = sizeof(HostMemoryBackend),
		.class_init = ram_class_init,
	};
	type_register(&info);
}
type_init(ram_register_types)

// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host memory backends (-object memory-backend-ram / memory-backend-file): host memory, anonymous
 * or mapped from a file, that the machine uses as guest RAM when -machine memory-backend=ID names
 * it. complete() maps the memory with the object's options (share, reserve, prealloc, merge,
 * dump) and wraps it in a RAM MemoryRegion owned by the backend.
 */
#ifndef SYSEMU_HOSTMEM_H
#define SYSEMU_HOSTMEM_H

#include "qom/object.h"
#include "exec/memory.h"

#define TYPE_MEMORY_BACKEND	 "memory-backend"
#define TYPE_MEMORY_BACKEND_RAM	 "memory-backend-ram"
#define TYPE_MEMORY_BACKEND_FILE "memory-backend-file"

typedef struct HostMemoryBackend HostMemoryBackend;

typedef struct HostMemoryBackendClass {
	ObjectClass parent_class;
	/* Maps size bytes with the backend's options; NULL (errp set) on failure. */
	void *(*map)(HostMemoryBackend *b, Error **errp);
} HostMemoryBackendClass;

struct HostMemoryBackend {
	Object parent_obj;
	uint64_t size;
	bool share, prealloc, merge, dump, reserve, readonly;
	bool mapped;
	bool used; /* by the machine: a backend backs one thing */
	MemoryRegion mr;
};

#define MEMORY_BACKEND(obj) OBJECT_CHECK(HostMemoryBackend, (obj), TYPE_MEMORY_BACKEND)
#define MEMORY_BACKEND_GET_CLASS(obj)                                                              \
	OBJECT_GET_CLASS(HostMemoryBackendClass, (obj), TYPE_MEMORY_BACKEND)

/* mmap flags for the sharing and reservation options. */
int host_memory_backend_mmap_flags(HostMemoryBackend *b);

#endif

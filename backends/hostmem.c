// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The abstract host memory backend: its properties, and complete(), which maps the memory
 * through the subclass, applies merge/dump/prealloc with madvise and makes the RAM region.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "qom/property.h"
#include "sysemu/hostmem.h"

int host_memory_backend_mmap_flags(HostMemoryBackend *b)
{
	return (b->share ? MAP_SHARED : MAP_PRIVATE) | (b->reserve ? 0 : MAP_NORESERVE);
}

/* Touches every page now (MADV_POPULATE_WRITE, or a write per page on older kernels). */
static bool prealloc(HostMemoryBackend *b, uint8_t *p, Error **errp)
{
	long page = sysconf(_SC_PAGESIZE);

#ifdef MADV_POPULATE_WRITE
	if (!madvise(p, b->size, b->readonly ? MADV_POPULATE_READ : MADV_POPULATE_WRITE))
		return true;
	if (errno != EINVAL) {
		error_setg_errno(errp, errno, "qemu_prealloc_mem: preallocating memory failed");
		return false;
	}
#endif
	for (uint64_t off = 0; off < b->size; off += page)
		b->readonly
		    ? (void)*(volatile uint8_t *)(p + off)
		    : (void)(*(volatile uint8_t *)(p + off) = *(volatile uint8_t *)(p + off));
	return true;
}

static bool hostmem_complete(Object *obj, Error **errp)
{
	HostMemoryBackend *b = MEMORY_BACKEND(obj);
	char *name;
	void *p;

	if (!b->size) {
		error_setg(errp, "can't create backend with size 0");
		return false;
	}
	p = MEMORY_BACKEND_GET_CLASS(b)->map(b, errp);
	if (!p)
		return false;
	if (!b->prealloc || prealloc(b, p, errp)) {
		/* Advice only: a kernel without KSM or core-dump filtering still runs the guest. */
		if (b->merge)
			madvise(p, b->size, MADV_MERGEABLE);
		if (!b->dump)
			madvise(p, b->size, MADV_DONTDUMP);
		name = object_get_canonical_path(obj);
		memory_region_init_ram_mapped(&b->mr, name, b->size, p, b->readonly);
		g_free(name);
		b->mapped = true;
	} else {
		munmap(p, b->size);
	}
	return b->mapped;
}

static void hostmem_finalize(Object *obj)
{
	HostMemoryBackend *b = MEMORY_BACKEND(obj);

	if (b->mapped)
		memory_region_finalize(&b->mr);
}

static void hostmem_init(Object *obj)
{
	HostMemoryBackend *b = MEMORY_BACKEND(obj);

	/* QEMU's defaults; set here since its help shows none */
	b->merge = true;
	b->dump = true;
	b->reserve = true;
}

static const Property hostmem_props[] = {
	PROP("dump", prop_info_bool, HostMemoryBackend, dump,
	     PROP_DESC("Set to 'off' to exclude from core dump")),
	PROP("merge", prop_info_bool, HostMemoryBackend, merge,
	     PROP_DESC("Mark memory as mergeable")),
	PROP("prealloc", prop_info_bool, HostMemoryBackend, prealloc,
	     PROP_DESC("Preallocate memory")),
	PROP("reserve", prop_info_bool, HostMemoryBackend, reserve,
	     PROP_DESC("Reserve swap space (or huge pages) if applicable")),
	PROP("share", prop_info_bool, HostMemoryBackend, share,
	     PROP_DESC("Mark the memory as private to QEMU or shared")),
	PROP("size", prop_info_size_qom, HostMemoryBackend, size,
	     PROP_DESC("Size of the memory region (ex: 500M)"), PROP_MANDATORY),
	PROP_END,
};

static void hostmem_class_init(ObjectClass *oc, const void *data)
{
	oc->complete = hostmem_complete;
	object_class_add_props(oc, hostmem_props);
}

static void hostmem_register_types(void)
{
	static const char *const ifaces[] = { TYPE_USER_CREATABLE, NULL };
	static const TypeInfo info = {
		.name = TYPE_MEMORY_BACKEND,
		.parent = TYPE_OBJECT,
		.abstract = true,
		.instance_size = sizeof(HostMemoryBackend),
		.class_size = sizeof(HostMemoryBackendClass),
		.class_init = hostmem_class_init,
		.instance_init = hostmem_init,
		.instance_finalize = hostmem_finalize,
		.interfaces = ifaces,
	};
	type_register(&info);
}
type_init(hostmem_register_types)

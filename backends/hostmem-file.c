// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memory-backend-file: guest RAM mapped from a file (mem-path=), e.g. on hugetlbfs or to share
 * it with another process (share=on). A directory gets a fresh unlinked file, as in QEMU; an
 * empty file is grown to size; a smaller non-empty one is refused.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "qom/property.h"
#include "sysemu/hostmem.h"

typedef struct HostMemoryBackendFile {
	HostMemoryBackend parent_obj;
	char *mem_path;
} HostMemoryBackendFile;

#define MEMORY_BACKEND_FILE(obj)                                                                   \
	OBJECT_CHECK(HostMemoryBackendFile, (obj), TYPE_MEMORY_BACKEND_FILE)

static int open_backing(HostMemoryBackendFile *f, bool readonly)
{
	struct stat st;
	char *tmpl;
	int fd;

	if (stat(f->mem_path, &st) == 0 && S_ISDIR(st.st_mode)) {
		tmpl = g_strdup_printf("%s/qemu_back_mem.XXXXXX", f->mem_path);
		fd = mkostemp(tmpl, O_CLOEXEC);
		if (fd >= 0)
			unlink(tmpl);
		g_free(tmpl);
		return fd;
	}
	return open(f->mem_path, (readonly ? O_RDONLY : O_RDWR | O_CREAT) | O_CLOEXEC, 0644);
}

static void *file_map(HostMemoryBackend *b, Error **errp)
{
	HostMemoryBackendFile *f = MEMORY_BACKEND_FILE(b);
	int fd = open_backing(f, b->readonly);
	struct stat st;
	void *p;

	if (fd < 0) {
		error_setg_errno(errp, errno, "can't open backing store %s for guest RAM",
				 f->mem_path);
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0 && !b->readonly &&
	    ftruncate(fd, b->size) < 0) {
		error_setg_errno(errp, errno, "ftruncate");
		close(fd);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && st.st_size && (uint64_t)st.st_size < b->size) {
		error_setg(errp, "backing store size 0x%" PRIx64 " does not match 'size' option 0x%" PRIx64,
			   (uint64_t)st.st_size, b->size);
		close(fd);
		return NULL;
	}
	p = mmap(NULL, b->size, b->readonly ? PROT_READ : PROT_READ | PROT_WRITE,
		 host_memory_backend_mmap_flags(b), fd, 0);
	close(fd); /* the mapping keeps the file */
	if (p == MAP_FAILED) {
		error_setg_errno(errp, errno, "unable to map backing store for guest RAM");
		return NULL;
	}
	return p;
}

static const Property file_props[] = {
	PROP("mem-path", prop_info_string_qom, HostMemoryBackendFile, mem_path, PROP_MANDATORY),
	PROP("readonly", prop_info_bool, HostMemoryBackend, readonly, PROP_DESC("")),
	PROP_END,
};

static void file_class_init(ObjectClass *oc, const void *data)
{
	((HostMemoryBackendClass *)oc)->map = file_map;
	object_class_add_props(oc, file_props);
}

static void file_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_MEMORY_BACKEND_FILE,
		.parent = TYPE_MEMORY_BACKEND,
		.instance_size = sizeof(HostMemoryBackendFile),
		.class_init = file_class_init,
	};
	type_register(&info);
}
type_init(file_register_types)

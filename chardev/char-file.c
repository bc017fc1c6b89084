// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The file backend: output goes to path= (truncated, or appended to with append=on), input,
 * if any, comes from input-path=. Both are plain fd chardevs once opened.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "qom/property.h"
#include <fcntl.h>

typedef struct FileChardev {
	FdChardev parent;
	char *path, *input_path;
	bool append;
} FileChardev;

static bool file_open(Chardev *chr, Error **errp)
{
	FileChardev *f = container_of(chr, FileChardev, parent.parent);
	const char *path = f->path, *in_path = f->input_path;
	bool append = f->append;
	int fd_in = -1, fd_out;

	if (!path) {
		error_setg(errp, "chardev: file: no filename given");
		return false;
	}
	if (in_path) {
		fd_in = qemu_chr_open_path(in_path, O_RDONLY, errp);
		if (fd_in < 0)
			return false;
	}
	fd_out = qemu_chr_open_path(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), errp);
	if (fd_out < 0) {
		if (fd_in >= 0)
			close(fd_in);
		return false;
	}
	qemu_chr_fd_init(container_of(chr, FdChardev, parent), fd_in, true, fd_out, true);
	chr->be_open = true;
	return true;
}

static const Property file_props[] = {
	PROP("append", prop_info_bool, FileChardev, append),
	PROP("input-path", prop_info_string, FileChardev, input_path),
	PROP("path", prop_info_string, FileChardev, path),
	PROP_END,
};

static void file_class_init(ObjectClass *oc, const void *data)
{
	CHARDEV_CLASS(oc)->open = file_open;
	object_class_add_props(oc, file_props);
}

static void file_register_types(void)
{
	static const TypeInfo info = {
		.name = CHARDEV_TYPE_PREFIX "file",
		.parent = TYPE_CHARDEV_FD,
		.instance_size = sizeof(FileChardev),
		.class_init = file_class_init,
	};
	type_register(&info);
}
type_init(file_register_types)

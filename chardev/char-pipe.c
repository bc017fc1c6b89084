// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pipe backend: path=P uses the FIFOs P.in (host to guest) and P.out (guest to host) when
 * both exist, else P for both directions. Everything is opened O_RDWR, so opening never
 * waits for the other end and its going away is never an end of file.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "qom/property.h"
#include <fcntl.h>

typedef struct PipeChardev {
	FdChardev parent;
	char *path;
} PipeChardev;

/* Opens P.in and P.out; false (and nothing left open) unless both exist. */
static bool open_pair(const char *path, int *fd_in, int *fd_out)
{
	char *in = g_strdup_printf("%s.in", path);
	char *out = g_strdup_printf("%s.out", path);

	*fd_in = open(in, O_RDWR | O_CLOEXEC);
	*fd_out = open(out, O_RDWR | O_CLOEXEC);
	g_free(in);
	g_free(out);
	if (*fd_in >= 0 && *fd_out >= 0)
		return true;
	if (*fd_in >= 0)
		close(*fd_in);
	if (*fd_out >= 0)
		close(*fd_out);
	return false;
}

static bool pipe_open(Chardev *chr, Error **errp)
{
	const char *path = container_of(chr, PipeChardev, parent.parent)->path;
	int fd_in, fd_out;

	if (!path) {
		error_setg(errp, "chardev: pipe: no filename given");
		return false;
	}
	if (!open_pair(path, &fd_in, &fd_out)) {
		fd_in = fd_out = qemu_chr_open_path(path, O_RDWR, errp);
		if (fd_in < 0)
			return false;
	}
	qemu_chr_fd_init(container_of(chr, FdChardev, parent), fd_in, true, fd_out, true);
	chr->be_open = true;
	return true;
}

static const Property pipe_props[] = {
	PROP("path", prop_info_string, PipeChardev, path),
	PROP_END,
};

static void pipe_class_init(ObjectClass *oc, const void *data)
{
	CHARDEV_CLASS(oc)->open = pipe_open;
	object_class_add_props(oc, pipe_props);
}

static void pipe_register_types(void)
{
	static const TypeInfo info = {
		.name = CHARDEV_TYPE_PREFIX "pipe",
		.parent = TYPE_CHARDEV_FD,
		.instance_size = sizeof(PipeChardev),
		.class_init = pipe_class_init,
	};
	type_register(&info);
}
type_init(pipe_register_types)

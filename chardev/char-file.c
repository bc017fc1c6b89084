// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The file backend: output goes to path= (truncated, or appended to with append=on), input,
 * if any, comes from input-path=. Both are plain fd chardevs once opened.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include <fcntl.h>

static const char *const file_opts[] = { "path", "append", "input-path", NULL };

static bool file_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
	const char *path = qemu_opt_get(opts, "path");
	const char *in_path = qemu_opt_get(opts, "input-path");
	Error *err = NULL;
	bool append = qemu_opt_get_bool(opts, "append", false, &err);
	int fd_in = -1, fd_out;

	if (err) {
		error_propagate(errp, err);
		return false;
	}
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

const ChardevClass char_file_class = {
	.name = "file",
	.instance_size = sizeof(FdChardev),
	.opt_names = file_opts,
	.open = file_open,
	.write = qemu_chr_fd_write,
	.accept_input = qemu_chr_fd_accept_input,
	.close = qemu_chr_fd_close,
};

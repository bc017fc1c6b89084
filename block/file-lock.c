// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Image locking as QEMU does it, so that QEMU and Quicksilver keep out of each other's images
 * (and out of their own): open file description locks on single bytes of the image file, one
 * byte per block permission at 100 + bit for a permission held ("consistent read", "write",
 * "write unchanged", "resize") and at 200 + bit for one not shared with others. A writer holds
 * write and refuses to share it; a reader holds read and refuses to share write, unless it was
 * opened with force-share. Taking a permission someone refuses, or refusing one someone
 * holds, fails with QEMU's message.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "block/block_int.h"

#define LOCK_PERM_BASE	 100
#define LOCK_SHARED_BASE 200

enum {
	PERM_CONSISTENT_READ = 1 << 0,
	PERM_WRITE = 1 << 1,
	PERM_WRITE_UNCHANGED = 1 << 2,
	PERM_RESIZE = 1 << 3,
	PERM_ALL = 0xf,
};

static const char *const perm_names[] = { "consistent read", "write", "write unchanged", "resize" };

static int set_byte(int fd, off_t at, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };

	return fcntl(fd, F_OFD_SETLK, &fl) == 0 ? 0 : -errno;
}

/* Does another open file description hold a lock on that byte? */
static bool held_elsewhere(int fd, off_t at)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };

	return fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

bool file_lock_image(int fd, const char *filename, bool write, bool force_share, Error **errp)
{
	unsigned perm = PERM_CONSISTENT_READ | (write ? PERM_WRITE | PERM_RESIZE : 0);
	unsigned shared =
	    force_share && !write ? PERM_ALL : PERM_CONSISTENT_READ | PERM_WRITE_UNCHANGED;

	for (int i = 0; i < 4; i++) {
		int ret = set_byte(fd, LOCK_PERM_BASE + i, perm >> i & 1 ? F_RDLCK : F_UNLCK);
		if (ret == 0)
			ret =
			    set_byte(fd, LOCK_SHARED_BASE + i, shared >> i & 1 ? F_UNLCK : F_RDLCK);
		if (ret < 0 && ret != -EAGAIN && ret != -EACCES) {
			error_setg_errno(errp, -ret, "Failed to lock byte %d", LOCK_PERM_BASE + i);
			return false;
		}
	}
	for (int i = 0; i < 4; i++) {
		const char *what = NULL;
		if (perm >> i & 1 && held_elsewhere(fd, LOCK_SHARED_BASE + i))
			what = "";
		else if (!(shared >> i & 1) && held_elsewhere(fd, LOCK_PERM_BASE + i))
			what = "shared ";
		if (what) {
			error_setg(errp, "Failed to get %s\"%s\" lock", what, perm_names[i]);
			error_append_hint(errp, "Is another process using the image [%s]?\n",
					  filename);
			return false;
		}
	}
	return true;
}

// SPDX-License-Identifier: GPL-2.0-or-later
/* Settings from the command line that boards and devices read after option parsing. */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

typedef struct Chardev Chardev;

#define MAX_SERIAL_PORTS 4

extern bool autostart;	 /* false with -S */
extern bool no_reboot;	 /* -no-reboot: a guest reset exits instead */
extern bool no_shutdown; /* -no-shutdown: a guest poweroff stops the VM instead of exiting */
extern const char *qemu_name;
extern uint8_t qemu_uuid[16];	    /* -uuid, zero without it */
extern bool boot_menu;		    /* -boot menu=on */
extern int64_t boot_splash_time;    /* -boot splash-time=, -1 without it */
extern int64_t boot_reboot_timeout; /* -boot reboot-timeout=, -1 without it */
extern const char *target_name;	    /* "riscv64": the binary's target, set by main() */

/* -uuid in its usual form ("00000000-0000-..."); free it. */
char *qemu_uuid_string(void);
/* The chardev of -serial number i, NULL if none. */
Chardev *serial_hd(int i);
/* Firmware search path: -L directories, then the build's data dir, then Debian's locations. */
const char *const *qemu_firmware_dirs(void);
/* Parses and runs the whole command line; returns the process exit status. */
int qemu_main(int argc, char **argv);

#endif

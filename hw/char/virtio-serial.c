// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-serial-device and virtio-serial-pci (the virtio console, VIRTIO 1.2 section 5.3) and
 * the ports on their bus, virtconsole and virtserialport, each joined to a chardev. Port n has
 * a receive and a transmit queue (queues 0-1 for port 0, 4-5 for port 1, ...); queues 2 and 3
 * carry control messages: the driver says DEVICE_READY and the device lists its ports
 * (DEVICE_ADD), the driver says PORT_READY for each and learns whether it is a console, its
 * name and whether the host side is open; PORT_OPEN goes both ways as either side opens or
 * closes. As everywhere here nothing is dropped: guest output a chardev refuses waits in its
 * element until the chardev takes more, host input waits for the guest's receive buffers, and
 * control messages wait for control buffers. Port numbers, names and limits are checked with
 * QEMU's messages; port 0 is kept for a virtconsole, as in QEMU.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/virtio/virtio-serial.h"
#include "hw/virtio/virtio-pci.h"
#include "qemu/bswap.h"
#include "qom/property.h"

/* Config space (5.3.4): cols, rows, max_nr_ports, emerg_wr. */
enum { CFG_COLS = 0, CFG_ROWS = 2, CFG_MAX_NR_PORTS = 4, CFG_EMERG_WR = 8, CFG_SIZE = 12 };
#define INPUT_CHUNK 4096 /* host bytes taken at once while the guest has a receive buffer */

static bool multiport(VirtIOSerial *s)
{
	return virtio_vdev_has_feature(VIRTIO_DEVICE(s), VIRTIO_CONSOLE_F_MULTIPORT);
}

static bool is_console(VirtIOSerialPort *port)
{
	return VIRTIO_SERIAL_PORT_GET_CLASS(port)->is_console;
}

/* ---- control messages ---- */

/* Hands waiting control messages to the driver's control receive buffers. */
static void ctrl_flush(VirtIOSerial *s)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(s);
	bool pushed = false;
	VirtQueueElement *e;
	GByteArray *msg;

	if (!virtio_device_started(vdev) || !virtio_queue_ready(s->c_ivq))
		return;
	while ((msg = g_queue_peek_head(&s->ctrl_pending)) &&
	       (e = virtqueue_pop(s->c_ivq, sizeof(*e)))) {
		size_t len = virtio_iov_from_buf(e->in_sg, e->in_num, 0, msg->data, msg->len);

		virtqueue_push(s->c_ivq, e, len);
		g_free(e);
		g_byte_array_unref(g_queue_pop_head(&s->ctrl_pending));
		pushed = true;
	}
	if (pushed)
		virtio_notify(vdev, s->c_ivq);
}

static void ctrl_send(VirtIOSerial *s, uint32_t id, uint16_t event, uint16_t value,
		      const char *extra)
{
	uint8_t head[VIRTIO_CONSOLE_CTRL_SIZE];
	GByteArray *msg = g_byte_array_new();

	if (!multiport(s))
		return;
	stl_le_p(head, id);
	stw_le_p(head + 4, event);
	stw_le_p(head + 6, value);
	g_byte_array_append(msg, head, sizeof(head));
	if (extra)
		g_byte_array_append(msg, (const uint8_t *)extra, strlen(extra) + 1);
	g_queue_push_tail(&s->ctrl_pending, msg);
	ctrl_flush(s);
}

static VirtIOSerialPort *port_by_id(VirtIOSerial *s, uint32_t id)
{
	return id < s->max_ports ? s->ports[id] : NULL;
}

static void port_flush_input(VirtIOSerialPort *port);

/* The driver has the port: tell it what the port is (5.3.6.2, after PORT_READY). */
static void port_ready(VirtIOSerialPort *port)
{
	VirtIOSerial *s = port->vser;

	port->guest_ready = true;
	if (is_console(port))
		ctrl_send(s, port->id, VIRTIO_CONSOLE_CONSOLE_PORT, 1, NULL);
	if (port->name)
		ctrl_send(s, port->id, VIRTIO_CONSOLE_PORT_NAME, 1, port->name);
	if (port->host_connected)
		ctrl_send(s, port->id, VIRTIO_CONSOLE_PORT_OPEN, 1, NULL);
}

static void ctrl_receive(VirtIOSerial *s, const uint8_t *msg)
{
	uint32_t id = ldl_le_p(msg);
	uint16_t event = lduw_le_p(msg + 4), value = lduw_le_p(msg + 6);
	VirtIOSerialPort *port = port_by_id(s, id);

	switch (event) {
	case VIRTIO_CONSOLE_DEVICE_READY:
		if (!value) {
			error_report("virtio-serial-bus: Guest failure in adding device %s",
				     s->bus->name);
			return;
		}
		for (uint32_t i = 0; i < s->max_ports; i++)
			if (s->ports[i])
				ctrl_send(s, i, VIRTIO_CONSOLE_DEVICE_ADD, 1, NULL);
		return;
	case VIRTIO_CONSOLE_PORT_READY:
	case VIRTIO_CONSOLE_PORT_OPEN:
		if (!port) {
			error_report("virtio-serial-bus: Unexpected port id %u for device %s", id,
				     s->bus->name);
			return;
		}
		if (event == VIRTIO_CONSOLE_PORT_OPEN) {
			port->guest_connected = value;
			port_flush_input(port);
			qemu_chr_fe_accept_input(&port->chr);
		} else if (!value) {
			error_report(
			    "virtio-serial-bus: Guest failure in adding port %u for device %s", id,
			    s->bus->name);
		} else {
			port_ready(port);
		}
		return;
	default:
		/* events only the device sends, or unknown ones: ignored, as QEMU does */
		return;
	}
}

static void handle_ctrl_out(VirtIODevice *vdev, VirtQueue *vq)
{
	VirtIOSerial *s = VIRTIO_SERIAL(vdev);
	VirtQueueElement *e;
	bool pushed = false;

	while ((e = virtqueue_pop(vq, sizeof(*e)))) {
		uint8_t msg[VIRTIO_CONSOLE_CTRL_SIZE];

		/* a message shorter than the header is ignored */
		if (virtio_iov_to_buf(e->out_sg, e->out_num, 0, msg, sizeof(msg)) == sizeof(msg))
			ctrl_receive(s, msg);
		virtqueue_push(vq, e, 0);
		g_free(e);
		pushed = true;
	}
	if (pushed)
		virtio_notify(vdev, vq);
}

static void handle_ctrl_in(VirtIODevice *vdev, VirtQueue *vq)
{
	ctrl_flush(VIRTIO_SERIAL(vdev));
}

/* ---- data ---- */

/* Guest output to the chardev, element by element, until the chardev refuses some. */
static void port_flush_output(VirtIOSerialPort *port)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(port->vser);
	bool pushed = false;

	while (port->out || (port->out = virtqueue_pop(port->ovq, sizeof(VirtQueueElement)))) {
		VirtQueueElement *e = port->out;
		size_t total = virtio_iov_size(e->out_sg, e->out_num);

		while (port->out_done < total) {
			uint8_t buf[4096];
			size_t n = virtio_iov_to_buf(e->out_sg, e->out_num, port->out_done, buf,
						     sizeof(buf));
			int took = qemu_chr_fe_write(&port->chr, buf, n);

			port->out_done += MAX(took, 0);
			if ((size_t)MAX(took, 0) < n)
				goto held; /* write_ready calls again */
		}
		virtqueue_push(port->ovq, e, 0);
		g_free(e);
		port->out = NULL;
		port->out_done = 0;
		pushed = true;
	}
held:
	if (pushed)
		virtio_notify(vdev, port->ovq);
}

/* Host input waiting in port->in to the guest's receive buffers. */
static void port_flush_input(VirtIOSerialPort *port)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(port->vser);
	VirtQueueElement *e;
	bool pushed = false;

	if (!virtio_device_started(vdev) || !port->guest_connected)
		return;
	while (port->in->len && (e = virtqueue_pop(port->ivq, sizeof(*e)))) {
		size_t n =
		    virtio_iov_from_buf(e->in_sg, e->in_num, 0, port->in->data, port->in->len);

		virtqueue_push(port->ivq, e, n);
		g_free(e);
		g_byte_array_remove_range(port->in, 0, n);
		pushed = true;
	}
	if (pushed)
		virtio_notify(vdev, port->ivq);
}

static VirtIOSerialPort *port_of_queue(VirtIOSerial *s, VirtQueue *vq)
{
	for (uint32_t i = 0; i < s->max_ports; i++)
		if (s->ports[i] && (s->ports[i]->ivq == vq || s->ports[i]->ovq == vq))
			return s->ports[i];
	return NULL;
}

static void handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
	VirtIOSerialPort *port = port_of_queue(VIRTIO_SERIAL(vdev), vq);
	VirtQueueElement *e;
	bool pushed = false;

	if (port) {
		port_flush_output(port);
		return;
	}
	/* a queue with no port behind it: its output goes nowhere */
	while ((e = virtqueue_pop(vq, sizeof(*e)))) {
		virtqueue_push(vq, e, 0);
		g_free(e);
		pushed = true;
	}
	if (pushed)
		virtio_notify(vdev, vq);
}

static void handle_input(VirtIODevice *vdev, VirtQueue *vq)
{
	VirtIOSerialPort *port = port_of_queue(VIRTIO_SERIAL(vdev), vq);

	if (port) {
		port_flush_input(port);
		qemu_chr_fe_accept_input(&port->chr);
	}
}

/* ---- the port's chardev ---- */

static int port_can_read(void *opaque)
{
	VirtIOSerialPort *port = opaque;

	if (port->in->len || !port->guest_connected ||
	    !virtio_device_started(VIRTIO_DEVICE(port->vser)) || virtio_queue_empty(port->ivq))
		return 0;
	return INPUT_CHUNK;
}

static void port_read(void *opaque, const uint8_t *buf, int size)
{
	VirtIOSerialPort *port = opaque;

	g_byte_array_append(port->in, buf, size);
	port_flush_input(port);
}

static void port_event(void *opaque, QEMUChrEvent event)
{
	VirtIOSerialPort *port = opaque;
	bool open = event == CHR_EVENT_OPENED;

	if ((event != CHR_EVENT_OPENED && event != CHR_EVENT_CLOSED) ||
	    open == port->host_connected)
		return;
	port->host_connected = open;
	if (port->guest_ready)
		ctrl_send(port->vser, port->id, VIRTIO_CONSOLE_PORT_OPEN, open, NULL);
}

static void port_write_ready(void *opaque)
{
	port_flush_output(opaque);
}

/* ---- ports ---- */

static bool port_realize(DeviceState *dev, Error **errp)
{
	VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);
	VirtIOSerial *s = VIRTIO_SERIAL(dev->parent_bus->parent);

	if (port->id != VIRTIO_SERIAL_NO_PORT && port_by_id(s, port->id)) {
		error_setg(errp, "virtio-serial-bus: A port already exists at id %u", port->id);
		return false;
	}
	for (uint32_t i = 0; port->name && i < s->max_ports; i++) {
		if (s->ports[i] && s->ports[i]->name && !strcmp(s->ports[i]->name, port->name)) {
			error_setg(errp, "virtio-serial-bus: A port already exists by name %s",
				   port->name);
			return false;
		}
	}
	if (port->id == VIRTIO_SERIAL_NO_PORT) {
		/* port 0 is a virtconsole's; the others take the lowest free number from 1 */
		port->id = is_console(port) && !s->ports[0] ? 0 : 1;
		while (port->id && port->id < s->max_ports && s->ports[port->id])
			port->id++;
	}
	if (port->id >= s->max_ports) {
		error_setg(errp,
			   "virtio-serial-bus: Out-of-range port id specified, max. allowed: %u",
			   s->max_ports - 1);
		return false;
	}
	if (port->id == 0 && !is_console(port)) {
		error_setg(errp, "Port number 0 on virtio-serial devices reserved for virtconsole "
				 "devices for backward compatibility.");
		return false;
	}
	port->vser = s;
	port->ivq = virtio_get_queue(VIRTIO_DEVICE(s), port->id ? 2 * port->id + 2 : 0);
	port->ovq = virtio_get_queue(VIRTIO_DEVICE(s), port->id ? 2 * port->id + 3 : 1);
	port->in = g_byte_array_new();
	s->ports[port->id] = port;
	qemu_chr_fe_set_handlers(&port->chr, port_can_read, port_read, port_event, port);
	qemu_chr_fe_set_write_ready(&port->chr, port_write_ready);
	if (virtio_device_started(VIRTIO_DEVICE(s)))
		ctrl_send(s, port->id, VIRTIO_CONSOLE_DEVICE_ADD, 1, NULL); /* hot-plugged */
	return true;
}

static void port_drop_queued(VirtIOSerialPort *port)
{
	g_free(port->out); /* the queue went away with a reset: the element is stale */
	port->out = NULL;
	port->out_done = 0;
	if (port->in)
		g_byte_array_set_size(port->in, 0);
	port->guest_ready = port->guest_connected = false;
}

static void port_unrealize(DeviceState *dev)
{
	VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);

	qemu_chr_fe_set_handlers(&port->chr, NULL, NULL, NULL, NULL);
	if (port->vser && port->vser->ports[port->id] == port) {
		if (virtio_device_started(VIRTIO_DEVICE(port->vser)))
			ctrl_send(port->vser, port->id, VIRTIO_CONSOLE_DEVICE_REMOVE, 1, NULL);
		port->vser->ports[port->id] = NULL;
	}
	port_drop_queued(port);
	if (port->in)
		g_byte_array_unref(port->in);
	port->in = NULL;
}

static const Property port_props[] = {
	PROP("chardev", prop_info_chr, VirtIOSerialPort, chr),
	PROP("nr", prop_info_uint32, VirtIOSerialPort, id, PROP_DEFAULT_U(VIRTIO_SERIAL_NO_PORT)),
	PROP("name", prop_info_string, VirtIOSerialPort, name),
	PROP_END,
};

static int port_pre_save(void *opaque)
{
	VirtIOSerialPort *port = opaque;

	port->vm_in = port->in->data; /* borrowed for the save */
	port->vm_in_len = port->in->len;
	port->vm_out_done = port->out ? port->out_done : 0;
	port->vm_host_connected = port->host_connected;
	return 0;
}

static void port_pre_load(void *opaque)
{
	((VirtIOSerialPort *)opaque)->vm_in = NULL; /* the load allocates its own */
}

/*
 * Input waiting goes back in; a half-sent output element (given back to the ring by the save)
 * is taken again and goes on from where it stopped; the guest learns if the peer came or went.
 */
static int port_post_load(void *opaque)
{
	VirtIOSerialPort *port = opaque;

	g_byte_array_set_size(port->in, 0);
	g_byte_array_append(port->in, port->vm_in, port->vm_in_len);
	g_free(port->vm_in);
	port->vm_in = NULL;
	port->out = NULL;
	port->out_done = port->vm_out_done;
	if (port->guest_ready && port->vm_host_connected != port->host_connected)
		ctrl_send(port->vser, port->id, VIRTIO_CONSOLE_PORT_OPEN, port->host_connected,
			  NULL);
	port_flush_input(port);
	port_flush_output(port);
	return 0;
}

static const VMStateDescription vmstate_port = {
	.name = "virtio-serial-port",
	.version = 1,
	.pre_save = port_pre_save,
	.pre_load = port_pre_load,
	.post_load = port_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_BOOL(guest_ready, VirtIOSerialPort),
		VMSTATE_BOOL(guest_connected, VirtIOSerialPort),
		VMSTATE_BOOL(vm_host_connected, VirtIOSerialPort),
		VMSTATE_UINT32(vm_out_done, VirtIOSerialPort),
		VMSTATE_BLOB(vm_in, VirtIOSerialPort, vm_in_len),
		VMSTATE_END,
	    },
};

static void port_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_port;
	dc->realize = port_realize;
	dc->unrealize = port_unrealize;
	dc->bus_type = TYPE_VIRTIO_SERIAL_BUS;
	dc->categories = 1u << DEVICE_CATEGORY_INPUT;
	object_class_add_props(klass, port_props);
}

static void console_class_init(ObjectClass *klass, const void *data)
{
	((VirtIOSerialPortClass *)klass)->is_console = true;
	DEVICE_CLASS(klass)->user_creatable = true;
}

static void serialport_class_init(ObjectClass *klass, const void *data)
{
	DEVICE_CLASS(klass)->user_creatable = true;
}

/* ---- the device ---- */

static uint64_t serial_get_features(VirtIODevice *vdev)
{
	VirtIOSerial *s = VIRTIO_SERIAL(vdev);
	uint64_t f = 0;

	if (s->max_ports > 1)
		f |= 1ULL << VIRTIO_CONSOLE_F_MULTIPORT;
	if (s->emergency_write)
		f |= 1ULL << VIRTIO_CONSOLE_F_EMERG_WRITE;
	return f;
}

static void serial_get_config(VirtIODevice *vdev, uint8_t *cfg)
{
	VirtIOSerial *s = VIRTIO_SERIAL(vdev);

	stw_le_p(cfg + CFG_COLS, 0);
	stw_le_p(cfg + CFG_ROWS, 0);
	stl_le_p(cfg + CFG_MAX_NR_PORTS, s->max_ports);
	if (s->emergency_write)
		stl_le_p(cfg + CFG_EMERG_WR, 0);
}

/* An emergency write (5.3.4): one character to port 0, before any queue works. */
static void serial_set_config(VirtIODevice *vdev, const uint8_t *cfg)
{
	VirtIOSerial *s = VIRTIO_SERIAL(vdev);
	uint8_t c = ldl_le_p(cfg + CFG_EMERG_WR);

	if (s->emergency_write && virtio_vdev_has_feature(vdev, VIRTIO_CONSOLE_F_EMERG_WRITE) &&
	    ldl_le_p(cfg + CFG_EMERG_WR) && s->ports[0])
		qemu_chr_fe_write_all(&s->ports[0]->chr, &c, 1);
}

static void serial_set_status(VirtIODevice *vdev, uint8_t status)
{
	VirtIOSerial *s = VIRTIO_SERIAL(vdev);

	if (!(status & VIRTIO_CONFIG_S_DRIVER_OK))
		return;
	/* without MULTIPORT there is no control queue: port 0 is simply there and open */
	if (!multiport(s) && s->ports[0]) {
		s->ports[0]->guest_ready = s->ports[0]->guest_connected = true;
		port_flush_input(s->ports[0]);
		qemu_chr_fe_accept_input(&s->ports[0]->chr);
	}
	ctrl_flush(s);
}

static void serial_reset(VirtIODevice *vdev)
{
	VirtIOSerial *s = VIRTIO_SERIAL(vdev);
	GByteArray *msg;

	while ((msg = g_queue_pop_head(&s->ctrl_pending)))
		g_byte_array_unref(msg);
	for (uint32_t i = 0; i < s->max_ports; i++)
		if (s->ports[i])
			port_drop_queued(s->ports[i]);
}

/* The bus is "<id>.0" after the device's id, or its PCI function's, as QEMU names it. */
static const char *bus_owner_id(VirtIODevice *vdev)
{
	DeviceState *dev = DEVICE(vdev);
	DeviceState *transport = dev->parent_bus ? dev->parent_bus->parent : NULL;

	if (dev->id)
		return dev->id;
	if (transport && object_dynamic_cast(OBJECT(transport), TYPE_VIRTIO_PCI))
		return transport->id;
	return NULL;
}

static bool serial_realize(VirtIODevice *vdev, Error **errp)
{
	VirtIOSerial *s = VIRTIO_SERIAL(vdev);
	const char *owner = bus_owner_id(vdev);
	g_autofree char *bus_name = owner ? g_strdup_printf("%s.0", owner) : NULL;

	if (!s->max_ports) {
		error_setg(errp, "Maximum number of serial ports not specified");
		return false;
	}
	if (s->max_ports > VIRTIO_SERIAL_MAX_PORTS) {
		error_setg(errp, "maximum ports supported: %u", VIRTIO_SERIAL_MAX_PORTS);
		return false;
	}
	virtio_init(vdev, "virtio-serial", VIRTIO_ID_CONSOLE,
		    s->emergency_write ? CFG_SIZE : CFG_EMERG_WR);
	/* port 0's queues, control's, then the other ports' (5.3.2) */
	virtio_add_queue(vdev, VIRTIO_SERIAL_PORT_QUEUE, handle_input);
	virtio_add_queue(vdev, VIRTIO_SERIAL_PORT_QUEUE, handle_output);
	s->c_ivq = virtio_add_queue(vdev, VIRTIO_SERIAL_CTRL_QUEUE, handle_ctrl_in);
	s->c_ovq = virtio_add_queue(vdev, VIRTIO_SERIAL_CTRL_QUEUE, handle_ctrl_out);
	for (uint32_t i = 1; i < s->max_ports; i++) {
		virtio_add_queue(vdev, VIRTIO_SERIAL_PORT_QUEUE, handle_input);
		virtio_add_queue(vdev, VIRTIO_SERIAL_PORT_QUEUE, handle_output);
	}
	s->ports = g_new0(VirtIOSerialPort *, s->max_ports);
	g_queue_init(&s->ctrl_pending);
	s->bus = qbus_new(TYPE_VIRTIO_SERIAL_BUS, DEVICE(vdev), bus_name);
	return true;
}

static void serial_unrealize(VirtIODevice *vdev)
{
	VirtIOSerial *s = VIRTIO_SERIAL(vdev);

	serial_reset(vdev);
	g_free(s->ports);
	s->ports = NULL;
	g_free(s->vm_ctrl);
	s->vm_ctrl = NULL;
	virtio_cleanup(vdev);
}

static const Property serial_props[] = {
	PROP("max_ports", prop_info_uint32, VirtIOSerial, max_ports, PROP_DEFAULT_U(31)),
	PROP("emergency-write", prop_info_bit, VirtIOSerial, emergency_write, PROP_DEFAULT_U(1)),
	PROP_END,
};

/* The control messages waiting for the driver, flattened. */
static int serial_pre_save(void *opaque)
{
	VirtIOSerial *s = opaque;
	GByteArray *flat = g_byte_array_new();

	for (GList *l = s->ctrl_pending.head; l; l = l->next) {
		GByteArray *msg = l->data;
		uint8_t len[4];

		stl_le_p(len, msg->len);
		g_byte_array_append(flat, len, 4);
		g_byte_array_append(flat, msg->data, msg->len);
	}
	g_free(s->vm_ctrl);
	s->vm_ctrl_len = flat->len;
	s->vm_ctrl = g_byte_array_free(flat, FALSE);
	return 0;
}

static void serial_pre_load(void *opaque)
{
	VirtIOSerial *s = opaque;

	g_free(s->vm_ctrl);
	s->vm_ctrl = NULL;
}

static int serial_post_load(void *opaque)
{
	VirtIOSerial *s = opaque;
	uint32_t at = 0;
	GByteArray *msg;

	while ((msg = g_queue_pop_head(&s->ctrl_pending)))
		g_byte_array_unref(msg);
	while (at + 4 <= s->vm_ctrl_len) {
		uint32_t len = ldl_le_p(s->vm_ctrl + at);

		at += 4;
		if (len > s->vm_ctrl_len - at)
			break;
		msg = g_byte_array_new();
		g_byte_array_append(msg, s->vm_ctrl + at, len);
		g_queue_push_tail(&s->ctrl_pending, msg);
		at += len;
	}
	g_free(s->vm_ctrl);
	s->vm_ctrl = NULL;
	if (at != s->vm_ctrl_len)
		return -EINVAL;
	ctrl_flush(s);
	return 0;
}

static const VMStateDescription vmstate_virtio_serial = {
	.name = "virtio-console",
	.version = 1,
	.pre_save = serial_pre_save,
	.pre_load = serial_pre_load,
	.post_load = serial_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_VIRTIO_DEVICE(VirtIOSerial),
		VMSTATE_BLOB(vm_ctrl, VirtIOSerial, vm_ctrl_len),
		VMSTATE_END,
	    },
};

static void serial_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_virtio_serial;
	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_INPUT;
	vdc->realize = serial_realize;
	vdc->unrealize = serial_unrealize;
	vdc->get_features = serial_get_features;
	vdc->get_config = serial_get_config;
	vdc->set_config = serial_set_config;
	vdc->set_status = serial_set_status;
	vdc->reset = serial_reset;
	object_class_add_props(klass, serial_props);
}

static void serial_register_types(void)
{
	static const VirtIOPCITypeInfo pci_info = {
		.name = "virtio-serial-pci",
		.alias = "virtio-serial",
		.vdev_type = TYPE_VIRTIO_SERIAL,
		.class_id = 0x0780, /* communication controller, other */
		.transitional_id = 0x1003,
		.category = DEVICE_CATEGORY_INPUT,
		.vectors = 2,
	};
	static const TypeInfo types[] = {
		{
		    .name = TYPE_VIRTIO_SERIAL,
		    .parent = TYPE_VIRTIO_DEVICE,
		    .instance_size = sizeof(VirtIOSerial),
		    .class_init = serial_class_init,
		},
		{
		    .name = TYPE_VIRTIO_SERIAL_BUS,
		    .parent = TYPE_BUS,
		    .instance_size = sizeof(BusState),
		},
		{
		    .name = TYPE_VIRTIO_SERIAL_PORT,
		    .parent = TYPE_DEVICE,
		    .abstract = true,
		    .instance_size = sizeof(VirtIOSerialPort),
		    .class_size = sizeof(VirtIOSerialPortClass),
		    .class_init = port_class_init,
		},
		{
		    .name = TYPE_VIRTCONSOLE,
		    .parent = TYPE_VIRTIO_SERIAL_PORT,
		    .instance_size = sizeof(VirtIOSerialPort),
		    .class_init = console_class_init,
		},
		{
		    .name = TYPE_VIRTSERIALPORT,
		    .parent = TYPE_VIRTIO_SERIAL_PORT,
		    .instance_size = sizeof(VirtIOSerialPort),
		    .class_init = serialport_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
	virtio_pci_register_type(&pci_info);
}
type_init(serial_register_types)

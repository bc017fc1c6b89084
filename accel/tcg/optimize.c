// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IR optimization before native compilation: one forward pass doing constant folding,
 * constant and copy propagation and a few algebraic identities, and turning branches on
 * known conditions into jumps (or nothing). Dead code is left to the backend's liveness pass,
 * which drops pure ops whose results nobody reads. Facts hold within a straight run of ops:
 * a label (where paths meet) forgets them all, and a helper call forgets what it knew about
 * globals, since helpers may write the CPU state. A copy "d = s" of a global s is trusted
 * only while s keeps the version it had then; every definition of a temp bumps its version.
 */
#include "qemu/osdep.h"
#include "accel/tcg/ir.h"
#include "accel/tcg/optimize.h"

typedef struct TempFact {
	bool is_const;
	uint64_t value;
	IRTemp const_temp; /* a constant temp of that value, once one exists */
	IRTemp copy_of;	   /* IR_NONE, or a temp holding the same value */
	uint32_t copy_version;
} TempFact;

typedef struct Optimizer {
	IRBlock *b;
	TempFact facts[IR_MAX_TEMPS];
	uint32_t version[IR_MAX_TEMPS];
} Optimizer;

static Optimizer opt; /* translation is single-threaded */

static void forget(Optimizer *o, IRTemp t)
{
	o->facts[t].is_const = false;
	o->facts[t].const_temp = IR_NONE;
	o->facts[t].copy_of = IR_NONE;
	o->version[t]++;
}

static void forget_all(Optimizer *o, bool globals_only)
{
	for (int t = 0; t < o->b->nb_temps; t++)
		if (o->b->temps[t].kind != IR_TEMP_CONST &&
		    (!globals_only || o->b->temps[t].kind == IR_TEMP_GLOBAL))
			forget(o, t);
}

static bool known(const Optimizer *o, IRTemp t, uint64_t *v)
{
	const IRBlock *b = o->b;

	if (b->temps[t].kind == IR_TEMP_CONST) {
		*v = b->temps[t].value;
		return true;
	}
	*v = o->facts[t].value;
	return o->facts[t].is_const;
}

/* The temp to read instead of t: a constant, or the temp t was copied from. */
static IRTemp rewrite_input(Optimizer *o, IRTemp t)
{
	const TempFact *f = &o->facts[t];
	uint64_t v;

	if (o->b->temps[t].kind == IR_TEMP_CONST)
		return t;
	if (known(o, t, &v)) {
		if (f->const_temp == IR_NONE && o->b->nb_temps < IR_MAX_TEMPS)
			o->facts[t].const_temp = ir_const(o->b, v);
		return f->const_temp != IR_NONE ? f->const_temp : t;
	}
	if (f->copy_of != IR_NONE && o->version[f->copy_of] == f->copy_version)
		return f->copy_of;
	return t;
}

/* d = value, as a move of a constant. */
static void set_const(Optimizer *o, IROp *op, uint64_t value)
{
	IRTemp d = op->args[0];

	if (o->b->nb_temps >= IR_MAX_TEMPS) {
		forget(o, d);
		return;
	}
	op->opc = IR_MOV;
	op->args[1] = ir_const(o->b, value);
	op->args[2] = op->args[3] = op->args[4] = IR_NONE;
	forget(o, d);
	o->facts[d].is_const = true;
	o->facts[d].value = value;
	o->facts[d].const_temp = op->args[1];
}

/* d = s: a move, and a fact for later readers of d. */
static void set_copy(Optimizer *o, IROp *op, IRTemp s)
{
	IRTemp d = op->args[0];
	uint64_t v;

	op->opc = IR_MOV;
	op->args[1] = s;
	op->args[2] = op->args[3] = op->args[4] = IR_NONE;
	if (s == d)
		return; /* d keeps its value and its facts */
	forget(o, d);
	if (known(o, s, &v)) {
		o->facts[d].is_const = true;
		o->facts[d].value = v;
	} else if (o->b->temps[s].kind == IR_TEMP_GLOBAL) {
		/*
		 * Only globals are propagated: a local's slot is reused once the frontend releases
		 * it, so reading a local later than the frontend did could meet another value.
		 */
		o->facts[d].copy_of = s;
		o->facts[d].copy_version = o->version[s];
	}
}

static bool is_unary(unsigned opc)
{
	return opc == IR_MOV || (opc >= IR_EXT8S && opc <= IR_BSWAP);
}

/* Identities with one constant operand: x + 0, x & -1, x * 1, x << 0, x & 0, ... */
static bool simplify(Optimizer *o, IROp *op, IRTemp a, IRTemp bb)
{
	uint64_t va, vb;
	bool ka = known(o, a, &va), kb = known(o, bb, &vb);

	switch (op->opc) {
	case IR_ADD:
	case IR_OR:
	case IR_XOR:
		if (ka && va == 0) {
			set_copy(o, op, bb);
			return true;
		}
		/* fall through */
	case IR_SUB:
	case IR_SHL:
	case IR_SHR:
	case IR_SAR:
	case IR_ROTL:
	case IR_ROTR:
		if (kb && vb == 0) {
			set_copy(o, op, a);
			return true;
		}
		break;
	case IR_AND:
		if ((ka && va == 0) || (kb && vb == 0)) {
			set_const(o, op, 0);
			return true;
		}
		if (kb && vb == ~0ULL) {
			set_copy(o, op, a);
			return true;
		}
		if (ka && va == ~0ULL) {
			set_copy(o, op, bb);
			return true;
		}
		break;
	case IR_MUL:
		if (kb && vb == 1) {
			set_copy(o, op, a);
			return true;
		}
		break;
	default:
		break;
	}
	/* x - x, x ^ x */
	if ((op->opc == IR_SUB || op->opc == IR_XOR) && a == bb) {
		set_const(o, op, 0);
		return true;
	}
	return false;
}

/* A pure op: folded when its inputs are known, simplified, else its result is unknown. */
static void optimize_arith(Optimizer *o, IROp *op)
{
	IRTemp d = op->args[0], a = op->args[1], bb = op->args[2];
	uint64_t va, vb, vc, ve;

	if (op->opc == IR_MOV) {
		set_copy(o, op, a);
		return;
	}
	if (op->opc == IR_SETCOND) {
		if (known(o, a, &va) && known(o, bb, &vb)) {
			set_const(o, op,
				  op->cond == IR_COND_ALWAYS || ir_eval_cond(op->cond, va, vb));
			return;
		}
	} else if (op->opc == IR_MOVCOND) {
		if (op->cond == IR_COND_ALWAYS || (known(o, a, &va) && known(o, bb, &vb))) {
			bool take = op->cond == IR_COND_ALWAYS || ir_eval_cond(op->cond, va, vb);
			IRTemp src = take ? op->args[3] : op->args[4];
			if (known(o, src, take ? &vc : &ve))
				set_const(o, op, take ? vc : ve);
			else
				set_copy(o, op, src);
			return;
		}
	} else if (is_unary(op->opc)) {
		if (known(o, a, &va)) {
			set_const(o, op, ir_eval_arith(op->opc, va, 0));
			return;
		}
	} else {
		if (known(o, a, &va) && known(o, bb, &vb)) {
			set_const(o, op, ir_eval_arith(op->opc, va, vb));
			return;
		}
		if (simplify(o, op, a, bb))
			return;
	}
	forget(o, d);
}

/* A branch on known values is a jump or nothing; returns false when the op goes away. */
static bool optimize_brcond(Optimizer *o, IROp *op)
{
	uint64_t va, vb;

	if (op->cond == IR_COND_ALWAYS) {
		op->opc = IR_BR;
		op->args[1] = op->args[2] = IR_NONE;
		return true;
	}
	if (!known(o, op->args[1], &va) || !known(o, op->args[2], &vb))
		return true;
	if (!ir_eval_cond(op->cond, va, vb))
		return false;
	op->opc = IR_BR;
	op->args[1] = op->args[2] = IR_NONE;
	return true;
}

void ir_optimize(IRBlock *b)
{
	Optimizer *o = &opt;
	int out = 0;

	o->b = b;
	for (int t = 0; t < b->nb_temps; t++) {
		o->facts[t] = (TempFact){ .copy_of = IR_NONE, .const_temp = IR_NONE };
		o->version[t] = 0;
	}
	for (int k = 0; k < b->nb_ops; k++) {
		IROp *op = &b->ops[k];

		if (op->opc == IR_LABEL)
			forget_all(o, false);
		for (int i = 1; i < 5; i++)
			if (op->args[i] != IR_NONE)
				op->args[i] = rewrite_input(o, op->args[i]);
		if (op->opc < IR_LD) {
			optimize_arith(o, op);
		} else if (op->opc == IR_BRCOND) {
			if (!optimize_brcond(o, op))
				continue;
		} else {
			if (op->opc == IR_CALL &&
			    !(b->helpers[op->aux]->flags & IR_HELPER_NO_GLOBAL_WRITES))
				forget_all(o, true);
			if (op->args[0] != IR_NONE)
				forget(o, op->args[0]);
		}
		b->ops[out++] = *op;
	}
	b->nb_ops = out;
}

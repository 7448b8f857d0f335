package io.trustgate.assess.artifacts;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds test files byte by byte: pickles, zips (with traps), safetensors, GGUF, ONNX, NumPy and HDF5 stand-ins. */
final class Build {
    private Build() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** Protocol 2 pickle: module.name called with one string argument, via GLOBAL + REDUCE. */
    static byte[] globalCall(String module, String name, String arg) {
        return concat(
                new byte[] {(byte) 0x80, 2}, ascii("c" + module + "\n" + name + "\n"), shortUnicode(arg), new byte[] {
                    (byte) 0x85, 'R', '.'
                });
    }

    /** Protocol 4 pickle with a FRAME: STACK_GLOBAL from memoized strings, then REDUCE. */
    static byte[] stackGlobalCall(String module, String name, String arg) {
        byte[] body = concat(
                shortUnicode(module),
                new byte[] {(byte) 0x94},
                shortUnicode(name),
                new byte[] {(byte) 0x94, 'h', 0, 'h', 1, (byte) 0x93, (byte) 0x94},
                shortUnicode(arg),
                new byte[] {(byte) 0x85, 'R', '.'});
        ByteBuffer frame = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        frame.put((byte) 0x95).putLong(body.length);
        return concat(new byte[] {(byte) 0x80, 4}, frame.array(), body);
    }

    static byte[] shortUnicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) 0x8c, (byte) b.length}, b);
    }

    /** A benign protocol 2 pickle of an OrderedDict, as PyTorch state dicts start. */
    static byte[] orderedDict() {
        return concat(new byte[] {(byte) 0x80, 2}, ascii("ccollections\nOrderedDict\nq\u0000)Rq\u0001."));
    }

    record ZipEntry(String localName, String centralName, byte[] data, int flags, boolean inCentral, boolean deflate) {
        ZipEntry(String name, byte[] data) {
            this(name, name, data, 0, true, false);
        }
    }

    /** Writes a zip by hand so that tests can put traps in it (names, flags, hidden entries). */
    static byte[] zip(List<ZipEntry> entries) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        List<byte[]> central = new ArrayList<>();
        for (ZipEntry e : entries) {
            CRC32 crc = new CRC32();
            crc.update(e.data());
            byte[] stored = e.deflate() ? deflate(e.data()) : e.data();
            int offset = o.size();
            byte[] ln = e.localName().getBytes(StandardCharsets.UTF_8);
            ByteBuffer lh = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            lh.putInt(0x04034b50)
                    .putShort((short) 20)
                    .putShort((short) e.flags())
                    .putShort((short) (e.deflate() ? 8 : 0))
                    .putInt(0)
                    .putInt((int) crc.getValue())
                    .putInt(stored.length)
                    .putInt(e.data().length)
                    .putShort((short) ln.length)
                    .putShort((short) 0);
            o.writeBytes(lh.array());
            o.writeBytes(ln);
            o.writeBytes(stored);
            if (e.inCentral()) {
                byte[] cn = e.centralName().getBytes(StandardCharsets.UTF_8);
                ByteBuffer ch = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
                ch.putInt(0x02014b50)
                        .putShort((short) 20)
                        .putShort((short) 20)
                        .putShort((short) e.flags())
                        .putShort((short) (e.deflate() ? 8 : 0))
                        .putInt(0)
                        .putInt((int) crc.getValue())
                        .putInt(stored.length)
                        .putInt(e.data().length)
                        .putShort((short) cn.length)
                        .putShort((short) 0)
                        .putShort((short) 0)
                        .putShort((short) 0)
                        .putShort((short) 0)
                        .putInt(0)
                        .putInt(offset);
                central.add(concat(ch.array(), cn));
            }
        }
        int cdOff = o.size();
        central.forEach(o::writeBytes);
        int cdSize = o.size() - cdOff;
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) central.size())
                .putShort((short) central.size())
                .putInt(cdSize)
                .putInt(cdOff)
                .putShort((short) 0);
        o.writeBytes(end.array());
        return o.toByteArray();
    }

    static byte[] zip(ZipEntry... entries) {
        return zip(List.of(entries));
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            o.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return o.toByteArray();
    }

    static byte[] safetensors(String headerJson, byte[] data) {
        byte[] h = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
        return concat(len.array(), h, data);
    }

    /** GGUF v3 with string metadata and no tensors. */
    static byte[] gguf(String... keyValues) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(ascii("GGUF"));
        o.writeBytes(le(3, 4));
        o.writeBytes(le(0, 8));
        o.writeBytes(le(keyValues.length / 2, 8));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            o.writeBytes(ggufString(keyValues[i]));
            o.writeBytes(le(8, 4));
            o.writeBytes(ggufString(keyValues[i + 1]));
        }
        return o.toByteArray();
    }

    static byte[] ggufString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(le(b.length, 8), b);
    }

    static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    // Protobuf helpers for ONNX.
    static byte[] varint(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        while ((v & ~0x7fL) != 0) {
            o.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        o.write((int) v);
        return o.toByteArray();
    }

    static byte[] field(int number, byte[] value) {
        return concat(varint((long) number << 3 | 2), varint(value.length), value);
    }

    static byte[] field(int number, String value) {
        return field(number, value.getBytes(StandardCharsets.UTF_8));
    }

    /** ModelProto with one initializer whose data lives in an external file at location, and one node. */
    static byte[] onnx(String location, String nodeDomain) {
        byte[] entry = concat(field(1, "location"), field(2, location));
        byte[] tensor = concat(field(8, "weight"), field(13, entry), varint(14 << 3), varint(1));
        byte[] node = concat(field(4, "Relu"), field(7, nodeDomain));
        byte[] graph = concat(field(1, node), field(2, "g"), field(5, tensor));
        byte[] opset = concat(field(1, ""), varint(2 << 3), varint(17));
        return concat(varint(1 << 3), varint(9), field(2, "test"), field(7, graph), field(8, opset));
    }

    /** A .npy file with the given descr and a payload after the header. */
    static byte[] npy(String descr, String shape, byte[] payload) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] hb = ascii(h.toString());
        return concat(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, le(hb.length, 2), hb, payload);
    }

    static final String LAMBDA_CONFIG = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"m\", \"layers\": ["
            + "{\"class_name\": \"Lambda\", \"config\": {\"name\": \"evil\", \"function\": [\"4wEAAAAAAAAAAAAAAAEAAAAE"
            + "AAAAQwAAAHMMAAAAdABkAYMBAQB8AFMAKQJO\", null, null], \"function_type\": \"lambda\"}}]}}";
}

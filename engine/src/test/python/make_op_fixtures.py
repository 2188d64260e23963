"""Writes small models in the blurfilter format (docs/MODEL-FORMAT.md) with PyTorch reference outputs.

An independent second writer of the format plus PyTorch's kernels as the numeric reference, so the
engine's reader and kernels are checked against code that is not the engine's. Run from the repo root
with Debian's python3 (PyTorch 1.13):  /usr/bin/python3 engine/src/test/python/make_op_fixtures.py
Outputs go to engine/src/test/resources/torch-ops/: <case>.bfm, <case>.in.f32, <case>.out.f32.
"""
import os
import struct
import zlib

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "torch-ops")
torch.manual_seed(7)
np.random.seed(7)


def crc32c(data: bytes) -> int:
    # bitwise CRC-32C (Castagnoli), reflected polynomial 0x82F63B78; slow but tiny inputs
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    crc = 0xFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def fmt(v):
    if isinstance(v, str):
        return v
    if isinstance(v, float):
        return repr(float(np.float32(v)))
    if isinstance(v, (list, tuple)):
        return ",".join(fmt(x) for x in v)
    return str(v)


class Model:
    def __init__(self, name, input_shape):
        self.name = name
        self.input_shape = input_shape
        self.tensors = []  # (name, array)
        self.nodes = []
        self.count = 0

    def weight(self, array):
        name = "w%d" % len(self.tensors)
        self.tensors.append((name, np.ascontiguousarray(array, dtype="<f4")))
        return name

    def node(self, op, inputs, **attrs):
        self.count += 1
        out = "v%d" % self.count
        parts = ["node", op, "n%d" % self.count, "in=" + ",".join(inputs), "out=" + out]
        parts += ["%s=%s" % (k, fmt(v)) for k, v in attrs.items()]
        self.nodes.append(" ".join(parts))
        return out

    def write(self, path, output):
        blob = b""
        lines = ["blurfilter-model 1", 'name "%s"' % self.name,
                 "input x " + " ".join(map(str, self.input_shape)), "output " + output,
                 "preprocess scale 1.0", "preprocess mean 0.0 0.0 0.0", "preprocess std 1.0 1.0 1.0",
                 "labels", "postprocess top1"]
        tensor_lines = []
        for name, arr in self.tensors:
            tensor_lines.append("tensor %s f32 %d %s" % (name, len(blob), " ".join(map(str, arr.shape))))
            blob += arr.tobytes()
            blob += b"\0" * ((-len(blob)) % 64)
        lines.append("weights_bytes %d" % len(blob))
        lines += tensor_lines + self.nodes + ["end"]
        header = ("\n".join(lines) + "\n").encode()
        prefix = b"BLURFMDL" + struct.pack("<IIIQ", 1, 0, len(header), len(blob))
        body = prefix + header
        body += b"\0" * ((-len(body)) % 64) + blob
        with open(path, "wb") as f:
            f.write(body + struct.pack("<I", crc32c(body)))


def rand(*shape):
    return torch.randn(*shape)


def save(case, model, output, x, y):
    model.write(os.path.join(OUT, case + ".bfm"), output)
    x.numpy().astype("<f4").tofile(os.path.join(OUT, case + ".in.f32"))
    y.detach().numpy().astype("<f4").tofile(os.path.join(OUT, case + ".out.f32"))
    print(case, tuple(x.shape), "->", tuple(y.shape))


def hardswish(t):
    return t * F.relu6(t + 3) / 6


def case_conv_general():
    x = rand(1, 3, 17, 23)
    w, b = rand(8, 3, 3, 3), rand(8)
    m = Model("conv_general", [1, 3, 17, 23])
    # asymmetric pads (top, left, bottom, right) = (1, 0, 2, 1), strides (2, 1), dilation (2, 1)
    v = m.node("Conv", ["x", m.weight(w), m.weight(b)], strides=[2, 1], pads=[1, 0, 2, 1], dilations=[2, 1], group=1)
    v = m.node("HardSwish", [v])
    y = hardswish(F.conv2d(F.pad(x, (0, 1, 1, 2)), w, b, stride=(2, 1), dilation=(2, 1)))
    save("conv_general", m, v, x, y)


def case_grouped_bn():
    x = rand(2, 8, 9, 11)
    w = rand(12, 2, 3, 3)
    gamma, beta, mean, var = rand(12), rand(12), rand(12), torch.rand(12) + 0.5
    m = Model("grouped_bn", [2, 8, 9, 11])
    v = m.node("Conv", ["x", m.weight(w)], strides=[2, 2], pads=[1, 1, 1, 1], group=4)
    v = m.node("BatchNorm", [v, m.weight(gamma), m.weight(beta), m.weight(mean), m.weight(var)], epsilon=1e-5)
    v = m.node("Relu", [v])
    y = F.relu(F.batch_norm(F.conv2d(x, w, None, 2, 1, 1, 4), mean, var, gamma, beta, False, 0.0, 1e-5))
    save("grouped_bn", m, v, x, y)


def case_depthwise():
    x = rand(1, 16, 14, 13)
    w, b = rand(16, 1, 5, 5), rand(16)
    gamma, beta, mean, var = rand(16), rand(16), rand(16), torch.rand(16) + 0.5
    m = Model("depthwise", [1, 16, 14, 13])
    v = m.node("Conv", ["x", m.weight(w), m.weight(b)], strides=[2, 1], pads=[2, 2, 2, 2], group=16)
    v = m.node("BatchNorm", [v, m.weight(gamma), m.weight(beta), m.weight(mean), m.weight(var)], epsilon=1e-3)
    v = m.node("Relu6", [v])
    y = F.relu6(F.batch_norm(F.conv2d(x, w, b, (2, 1), 2, 1, 16), mean, var, gamma, beta, False, 0.0, 1e-3))
    save("depthwise", m, v, x, y)


def case_pointwise_se():
    x = rand(1, 24, 7, 5)
    wp = rand(18, 24, 1, 1)
    w1, b1 = rand(6, 18, 1, 1), rand(6)
    w2, b2 = rand(18, 6, 1, 1), rand(18)
    m = Model("pointwise_se", [1, 24, 7, 5])
    p = m.node("Conv", ["x", m.weight(wp)])
    s = m.node("GlobalAveragePool", [p])
    s = m.node("Conv", [s, m.weight(w1)])
    s = m.node("Add", [s, m.weight(b1.reshape(1, 6, 1, 1))])
    s = m.node("Relu", [s])
    s = m.node("Conv", [s, m.weight(w2), m.weight(b2)])
    s = m.node("HardSigmoid", [s], alpha=0.1666667, beta=0.5)
    v = m.node("Mul", [p, s])
    pt = F.conv2d(x, wp)
    st = F.adaptive_avg_pool2d(pt, 1)
    st = F.relu(F.conv2d(st, w1) + b1.reshape(1, 6, 1, 1))
    st = torch.clamp(F.conv2d(st, w2, b2) * np.float32(0.1666667) + 0.5, 0, 1)
    save("pointwise_se", m, v, x, pt * st)


def case_pools():
    x = rand(1, 4, 11, 10)
    m = Model("pools", [1, 4, 11, 10])
    a = m.node("MaxPool", ["x"], kernel=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    b = m.node("AveragePool", [a], kernel=[3, 2], strides=[2, 2], pads=[1, 0, 1, 0], count_include_pad=0, ceil_mode=1)
    ya = F.max_pool2d(x, 3, 2, 1)
    yb = F.avg_pool2d(ya, (3, 2), 2, (1, 0), ceil_mode=True, count_include_pad=False)
    save("pools", m, b, x, yb)


def case_head():
    x = rand(3, 32, 2, 3)
    w1, b1 = rand(10, 192), rand(10)
    w2, b2 = rand(10, 4), rand(4)
    m = Model("head", [3, 32, 2, 3])
    v = m.node("Flatten", ["x"], axis=1)
    v = m.node("Gemm", [v, m.weight(w1), m.weight(b1)], transB=1, alpha=0.5, beta=2.0)
    v = m.node("Scale", [v], scale=0.8, bias=0.0)
    v = m.node("Gemm", [v, m.weight(w2), m.weight(b2)], transB=0)
    v = m.node("Reshape", [v], shape=[0, 2, -1])
    v = m.node("Softmax", [v], axis=-1)
    y = (0.5 * x.reshape(3, -1) @ w1.t() + 2.0 * b1) * np.float32(0.8)
    y = torch.softmax((y @ w2 + b2).reshape(3, 2, 2), -1)
    save("head", m, v, x, y)


def case_broadcast():
    x = rand(2, 3, 4, 5)
    c = rand(3, 1, 1)
    r = rand(5)
    m = Model("broadcast", [2, 3, 4, 5])
    v = m.node("Sub", ["x", m.weight(c)])
    div = torch.rand(1, 3, 4, 1) + 0.5
    v = m.node("Div", [v, m.weight(div)])
    v = m.node("Add", [m.weight(r), v])
    v = m.node("Clip", [v], min=-1.5, max=2.0)
    v = m.node("Sigmoid", [v])
    v = m.node("Mul", [v, "x"])
    y = torch.sigmoid(torch.clamp(r + (x - c) / div, -1.5, 2.0)) * x
    save("broadcast", m, v, x, y)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for case in [case_conv_general, case_grouped_bn, case_depthwise, case_pointwise_se, case_pools, case_head,
                 case_broadcast]:
        case()

"""Three PyTorch functions that export to exactly one ONNX node each, with the attributes the
engine implements, so the trained head's graph and its ONNX export are the same arithmetic:

- `avg_pool_tl(x, k, pad)`: AveragePool k x k, stride k, zero padding `pad` on top and left only,
  padding counted (count_include_pad=1). PyTorch's own export would emit a Pad node before it.
- `avg_pool_same(x, k)`: AveragePool k x k, stride 1, pad k//2 all round, padding not counted.
- `upsample_asym(x, f)`: Resize, linear, coordinate_transformation_mode=asymmetric (output j samples
  input j/f, clamped at the far edge). PyTorch's interpolate exports half_pixel or align_corners.
- `hard_sigmoid(x, alpha, beta)`: HardSigmoid with Paddle's slope (PyTorch's hardsigmoid is 1/6).
"""
import torch
import torch.nn.functional as F

from common import upsample_asym as _upsample_asym


class _AvgPoolTopLeft(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k, pad):  # fixed channels only: no backward needed
        return F.avg_pool2d(F.pad(x, (pad, 0, pad, 0)), k, k)

    @staticmethod
    def symbolic(g, x, k, pad):
        return g.op("AveragePool", x, kernel_shape_i=[k, k], strides_i=[k, k], pads_i=[pad, pad, 0, 0],
                    count_include_pad_i=1)


class _AvgPoolSame(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        return F.avg_pool2d(x, k, 1, k // 2, count_include_pad=False)

    @staticmethod
    def symbolic(g, x, k):
        p = k // 2
        return g.op("AveragePool", x, kernel_shape_i=[k, k], strides_i=[1, 1], pads_i=[p, p, p, p],
                    count_include_pad_i=0)


class _UpsampleAsym(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, f):
        ctx.f = f
        with torch.enable_grad():
            xx = x.detach().requires_grad_(True)
            y = _upsample_asym(xx, f)
        ctx.saved = (xx, y)
        return y.detach()

    @staticmethod
    def backward(ctx, gy):
        xx, y = ctx.saved
        (gx,) = torch.autograd.grad(y, xx, gy)
        return gx, None

    @staticmethod
    def symbolic(g, x, f):
        roi = g.op("Constant", value_t=torch.tensor([], dtype=torch.float32))
        scales = g.op("Constant", value_t=torch.tensor([1.0, 1.0, float(f), float(f)], dtype=torch.float32))
        return g.op("Resize", x, roi, scales, mode_s="linear", coordinate_transformation_mode_s="asymmetric",
                    nearest_mode_s="floor")


class _HardSigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, alpha, beta):
        return torch.clamp(x * alpha + beta, 0, 1)

    @staticmethod
    def symbolic(g, x, alpha, beta):
        return g.op("HardSigmoid", x, alpha_f=alpha, beta_f=beta)


def avg_pool_tl(x, k, pad):
    return _AvgPoolTopLeft.apply(x, k, pad)


def avg_pool_same(x, k):
    return x if k == 1 else _AvgPoolSame.apply(x, k)


def upsample_asym(x, f):
    return _UpsampleAsym.apply(x, f)


def hard_sigmoid(x, alpha, beta):
    return _HardSigmoid.apply(x, alpha, beta)

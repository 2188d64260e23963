"""Map heads on the frozen PP-LCNet backbone's stride-8/16/32 feature maps, and the fixed
hand-crafted local-contrast channels (convolutions, products, pooling, log)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import upsample_asym


def derivative_kernels():
    """3x3 kernels [1 -> 3]: the 4-neighbour Laplacian, (x+1 - x-1)/2 and (y+1 - y-1)/2."""
    k = torch.zeros(3, 1, 3, 3)
    k[0, 0] = torch.tensor([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=torch.float32)
    k[1, 0, 1] = torch.tensor([-0.5, 0, 0.5])
    k[2, 0, :, 1] = torch.tensor([-0.5, 0, 0.5])
    return k


class HandCrafted(nn.Module):
    """Fixed (no trained weights) local-contrast channels on the stride-8 grid, from the resized
    grey image (0..255): per window of k x k cells (k in windows; 8, 24, 56 px at 448) the log of
    the mean squared 4-neighbour Laplacian, of the mean squared central-difference gradient and of
    the grey level's local variance; then the same 3*len(windows) channels minus their mean over
    the photo (a per-photo normalisation, as the Laplacian map's percentiles are)."""

    def __init__(self, windows=(1, 3, 7), eps=1e-6):
        super().__init__()
        self.windows = windows
        self.eps = eps
        self.register_buffer("k", derivative_kernels())

    @property
    def channels(self):
        return 6 * len(self.windows)

    def forward(self, grey):
        g = grey / 255.0
        d = F.conv2d(F.pad(g, (1, 1, 1, 1), mode="replicate"), self.k)  # lap, gx, gy
        e_lap = d[:, 0:1] ** 2
        e_grad = d[:, 1:2] ** 2 + d[:, 2:3] ** 2
        x = torch.cat([e_lap, e_grad, g, g * g], 1)
        x = F.pad(x, (4, 0, 4, 0), mode="replicate")[:, :, :grey.shape[2], :grey.shape[3]]
        cells = F.avg_pool2d(x, 8, 8)  # cell j covers [8j-4, 8j+4)
        out = []
        for w in self.windows:
            c = cells if w == 1 else F.avg_pool2d(cells, w, 1, w // 2, count_include_pad=False)
            var = (c[:, 3:4] - c[:, 2:3] ** 2).clamp(min=0)
            out += [torch.log(c[:, 0:1] + self.eps), torch.log(c[:, 1:2] + self.eps), torch.log(var + self.eps)]
        L = torch.cat(out, 1)
        return torch.cat([L, L - L.mean((2, 3), keepdim=True)], 1)


class Linear(nn.Module):
    """1x1 conv to a logit on one feature map."""

    def __init__(self, stride, drop=0.0):
        super().__init__()
        self.stride = stride
        self.drop = nn.Dropout2d(drop)
        self.conv = nn.Conv2d({8: 128, 16: 256, 32: 512}[stride], 1, 1)

    def forward(self, f, hc=None):
        return self.conv(self.drop(f[self.stride]))


class FPNLite(nn.Module):
    """1x1 convs on stride 8/16/32 (and on the hand-crafted channels when hc_ch), upsampled to
    stride 8 (bilinear, cell centres aligned), added; ReLU; 3x3 depthwise + bias; ReLU; 1x1 to a
    logit. use_backbone=False: the hand-crafted channels alone."""

    def __init__(self, width=32, hc_ch=0, use_backbone=True, drop=0.0, context=False):
        super().__init__()
        self.stride = 8
        self.use_backbone = use_backbone
        self.drop = nn.Dropout2d(drop)
        if use_backbone:
            self.p8 = nn.Conv2d(128, width, 1)
            self.p16 = nn.Conv2d(256, width, 1, bias=False)
            self.p32 = nn.Conv2d(512, width, 1, bias=False)
        self.phc = nn.Conv2d(hc_ch, width, 1) if hc_ch else None
        self.dw = nn.Conv2d(width, width, 3, 1, 1, groups=width)
        # context=True: a second 3x3 depthwise, dilation 2 (receptive field 7x7 cells = 56 px more)
        self.dw2 = nn.Conv2d(width, width, 3, 1, 2, dilation=2, groups=width) if context else None
        self.out = nn.Conv2d(width, 1, 1)

    def forward(self, f, hc=None):
        x = 0
        if self.use_backbone:
            x = self.p8(self.drop(f[8])) + upsample_asym(self.p16(self.drop(f[16])), 2) \
                + upsample_asym(self.p32(self.drop(f[32])), 4)
        if self.phc is not None:
            x = x + self.phc(hc)
        x = F.relu(x)
        x = F.relu(self.dw(x))
        if self.dw2 is not None:
            x = F.relu(self.dw2(x)) + x
        return self.out(x)


def build(variant, width=32, drop=0.0, hc_ch=18):
    if variant == "lin32":
        return Linear(32, drop)
    if variant == "lin16":
        return Linear(16, drop)
    if variant == "fpn":
        return FPNLite(width, 0, True, drop)
    if variant == "fpn_hc":
        return FPNLite(width, hc_ch, True, drop)
    if variant == "fpn_hc_ctx":
        return FPNLite(width, hc_ch, True, drop, context=True)
    if variant == "hc":
        return FPNLite(width, hc_ch, False, drop)
    if variant == "edgefree":
        return FPNHead(width, drop=drop)
    if variant == "edgefree2":
        return FPNHead(width, drop=drop, between=True)
    raise ValueError(variant)


# ----------------------------------------------------------------------------- engine-exact head
class EdgeFreeContrast(nn.Module):
    """The fixed local-contrast channels of HandCrafted, rewritten in ops the engine runs exactly
    (zero-padded convs, AveragePool, Mul/Div/Sub/Add, Relu, Log; no edge padding, no Concat):

    - the Laplacian and gradients use zero padding, so their outermost ring of pixels is wrong; a
      ring mask (1 inside, 0 on the ring: a 3x3 all-ones conv of a constant-1 map, minus 8, ReLU)
      drops those pixels, and each cell's energy is the mean over the pixels it keeps (pooled
      energy / pooled mask);
    - cell j covers pixels [8j-4, 8j+4): AveragePool 8x8 stride 8 with 4 zero pixels top and left,
      padding counted, divided by the same pool of the constant-1 map (so the mean of the pixels
      inside);
    - the grey level's local variance is that of the grey minus its cell means (upsampled bilinearly
      between cell centres): the same as the plain variance where those means are even, and free of
      float32 cancellation;
    - the 9 channels come out as six pieces (per window: [log lap energy, log gradient energy] and
      [log variance]), since the engine has no Concat: the head reads each with its own 1x1 conv.

    Input: grey [N, 1, H, W] in 0..1. Output: list of 6 tensors at stride 8."""

    def __init__(self, windows=(1, 3, 7), eps=1e-6, between=False):
        super().__init__()
        self.windows = windows
        self.eps = eps
        self.between = between
        self.register_buffer("k", derivative_kernels())
        self.register_buffer("sel", torch.tensor([[1.0, 0, 0], [0, 1.0, 1.0]]).reshape(2, 3, 1, 1))
        self.register_buffer("zero_w", torch.zeros(1, 1, 1, 1))
        self.register_buffer("one_b", torch.ones(1))
        self.register_buffer("box3", torch.ones(1, 1, 3, 3))
        self.register_buffer("minus8", torch.full((1,), -8.0))

    def pieces_count(self):
        return 2 * len(self.windows)

    def forward(self, grey):
        from onnxops import avg_pool_tl, avg_pool_same, upsample_asym
        ones = F.conv2d(grey, self.zero_w, self.one_b)
        ring = F.relu(F.conv2d(ones, self.box3, self.minus8, padding=1))
        d = F.conv2d(grey, self.k, padding=1)
        e = F.conv2d(d * d, self.sel) * ring                     # [lap^2, gx^2 + gy^2], ring dropped
        kept = avg_pool_tl(ring, 8, 4)
        inside = avg_pool_tl(ones, 8, 4)
        energy = avg_pool_tl(e, 8, 4) / kept
        # variance from grey minus its cell means (bilinear between cell centres): E[g^2] - E[g]^2 of
        # the grey itself cancels catastrophically in float32 (1e-6 errors next to eps 1e-6)
        cell_mean = avg_pool_tl(grey, 8, 4) / inside
        r = grey - upsample_asym(cell_mean, 8)
        mean = avg_pool_tl(r, 8, 4) / inside
        msq = avg_pool_tl(r * r, 8, 4) / inside
        out = []
        for w in self.windows:
            en, m, m2 = (avg_pool_same(t, w) for t in (energy, mean, msq))
            var = F.relu(m2 - m * m)
            if self.between and w > 1:
                # plus the spread of the cell means around the window's mean: the variance over the
                # whole window, not only within its cells (differences taken before squaring)
                dev = cell_mean - avg_pool_same(cell_mean, w)
                var = var + avg_pool_same(dev * dev, w)
            out += [torch.log(en + self.eps), torch.log(var + self.eps)]
        return out


class FPNHead(nn.Module):
    """fpn_hc_ctx on the backbone's stride 8/16/32 maps and the EdgeFreeContrast pieces:
    s = 1x1(f8) + up2(1x1(f16)) + up4(1x1(f32)) + sum_i A_i(piece_i) - GAP(sum_i B_i(piece_i));
    the [L, L - mean L] 18-channel 1x1 of FPNLite is this with A = W1 + W2, B = W2. Then ReLU, 3x3
    depthwise, ReLU, dilated 3x3 depthwise + residual, 1x1 to one logit per stride-8 cell."""

    def __init__(self, width=32, piece_channels=(2, 1, 2, 1, 2, 1), drop=0.0, between=False):
        super().__init__()
        self.stride = 8
        self.between = between  # which EdgeFreeContrast feeds it (its `between` flag)
        self.drop = nn.Dropout2d(drop)
        self.p8 = nn.Conv2d(128, width, 1)
        self.p16 = nn.Conv2d(256, width, 1, bias=False)
        self.p32 = nn.Conv2d(512, width, 1, bias=False)
        self.a = nn.ModuleList(nn.Conv2d(c, width, 1, bias=False) for c in piece_channels)
        self.b = nn.ModuleList(nn.Conv2d(c, width, 1, bias=False) for c in piece_channels)
        self.dw = nn.Conv2d(width, width, 3, 1, 1, groups=width)
        self.dw2 = nn.Conv2d(width, width, 3, 1, 2, dilation=2, groups=width)
        self.out = nn.Conv2d(width, 1, 1)

    def forward(self, f, pieces):
        from onnxops import upsample_asym as up
        x = self.p8(self.drop(f[8])) + up(self.p16(self.drop(f[16])), 2) + up(self.p32(self.drop(f[32])), 4)
        a = b = None
        for conv_a, conv_b, p in zip(self.a, self.b, pieces):
            a = conv_a(p) if a is None else a + conv_a(p)
            b = conv_b(p) if b is None else b + conv_b(p)
        x = F.relu(x + a - F.adaptive_avg_pool2d(b, 1))
        x = F.relu(self.dw(x))
        x = F.relu(self.dw2(x)) + x
        return self.out(x)

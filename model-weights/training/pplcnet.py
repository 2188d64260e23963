"""PP-LCNet in PyTorch, mirroring PaddleClas ppcls/arch/backbone/legendary_models/pp_lcnet.py.

Module names mirror PaddleClas (conv1, blocks2..blocks6, dw_conv, pw_conv, se, last_conv, fc) so a
state_dict maps one-to-one onto Paddle's structured names (Paddle `bn._mean/_variance` =
PyTorch `bn.running_mean/running_var`; Paddle Linear weight is [in,out], PyTorch [out,in]).

Differences to Paddle that matter for numerics (see /work/shared/docs/PADDLE-REFERENCE.md §0, §1.4):
* Hardsigmoid: PyTorch uses slope exactly 1/6; Paddle stores 0.1666667 (diff <= 1e-7).
* Dropout: Paddle uses mode="downscale_in_infer" (inference multiplies by 1-p = 0.8).  Here we use
  PyTorch's inverted dropout (training scales by 1/(1-p), eval is identity).  Both are *trained*
  consistently in their own framework, so a model trained here is correct with eval = identity; an
  ONNX export of this module in eval mode simply contains no dropout node.  Weights imported FROM
  Paddle into this module would need the 0.8 folded into fc (use `paddle_dropout_compat=True`).
* BatchNorm: eps 1e-5 (same), PyTorch momentum 0.1 == Paddle momentum 0.9.
"""
import torch
import torch.nn as nn

NET_CONFIG = {
    # k, in_c, out_c, s, use_se
    "blocks2": [[3, 16, 32, 1, False]],
    "blocks3": [[3, 32, 64, 2, False], [3, 64, 64, 1, False]],
    "blocks4": [[3, 64, 128, 2, False], [3, 128, 128, 1, False]],
    "blocks5": [[3, 128, 256, 2, False], [5, 256, 256, 1, False], [5, 256, 256, 1, False],
                [5, 256, 256, 1, False], [5, 256, 256, 1, False], [5, 256, 256, 1, False]],
    "blocks6": [[5, 256, 512, 2, True], [5, 512, 512, 1, True]],
}


def make_divisible(v, divisor=8, min_value=None):
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def _pair(s):
    return tuple(s) if isinstance(s, (list, tuple)) else (s, s)


class ConvBNLayer(nn.Module):
    def __init__(self, num_channels, filter_size, num_filters, stride, num_groups=1, act="hardswish"):
        super().__init__()
        self.conv = nn.Conv2d(num_channels, num_filters, filter_size, stride=_pair(stride),
                              padding=(filter_size - 1) // 2, groups=num_groups, bias=False)
        self.bn = nn.BatchNorm2d(num_filters, eps=1e-5, momentum=0.1)
        self.act = _act(act)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


def _act(name):
    if name == "hardswish":
        return nn.Hardswish()
    if name == "relu":
        return nn.ReLU()
    if name == "relu6":
        return nn.ReLU6()
    raise ValueError(name)


class SEModule(nn.Module):
    def __init__(self, channel, reduction=4):
        super().__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.conv1 = nn.Conv2d(channel, channel // reduction, 1, bias=True)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(channel // reduction, channel, 1, bias=True)
        self.hardsigmoid = nn.Hardsigmoid()

    def forward(self, x):
        s = self.avg_pool(x)
        s = self.hardsigmoid(self.conv2(self.relu(self.conv1(s))))
        return x * s


class DepthwiseSeparable(nn.Module):
    def __init__(self, num_channels, num_filters, stride, dw_size=3, use_se=False, act="hardswish"):
        super().__init__()
        self.use_se = use_se
        self.dw_conv = ConvBNLayer(num_channels, dw_size, num_channels, stride, num_groups=num_channels, act=act)
        if use_se:
            self.se = SEModule(num_channels)
        self.pw_conv = ConvBNLayer(num_channels, 1, num_filters, 1, act=act)

    def forward(self, x):
        x = self.dw_conv(x)
        if self.use_se:
            x = self.se(x)
        return self.pw_conv(x)


class PPLCNet(nn.Module):
    def __init__(self, scale=1.0, class_num=1000, dropout_prob=0.2, class_expand=1280,
                 stride_list=(2, 2, 2, 2, 2), use_last_conv=True, act="hardswish",
                 paddle_dropout_compat=False):
        super().__init__()
        assert len(stride_list) == 5
        cfg = {k: [list(b) for b in v] for k, v in NET_CONFIG.items()}  # no global mutation
        for i, name in enumerate(["blocks3", "blocks4", "blocks5", "blocks6"]):
            cfg[name][0][3] = stride_list[i + 1]
        self.scale = scale
        self.use_last_conv = use_last_conv
        self.class_expand = class_expand
        self.conv1 = ConvBNLayer(3, 3, make_divisible(16 * scale), stride_list[0], act=act)

        def stage(name):
            return nn.Sequential(*[
                DepthwiseSeparable(make_divisible(i * scale), make_divisible(o * scale), s, k, se, act)
                for (k, i, o, s, se) in cfg[name]])

        self.blocks2 = stage("blocks2")
        self.blocks3 = stage("blocks3")
        self.blocks4 = stage("blocks4")
        self.blocks5 = stage("blocks5")
        self.blocks6 = stage("blocks6")
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        feat = make_divisible(cfg["blocks6"][-1][2] * scale)
        if use_last_conv:
            self.last_conv = nn.Conv2d(feat, class_expand, 1, bias=False)
            self.act = _act(act)
            # PyTorch inverted dropout; see module docstring.
            self.dropout = nn.Dropout(p=dropout_prob)
            feat = class_expand
        self.flatten = nn.Flatten(start_dim=1, end_dim=-1)
        self.fc = nn.Linear(feat, class_num)
        # Paddle's downscale_in_infer: inference output of dropout is x*(1-p). Only needed when
        # the weights come from a Paddle-trained model; folded as a constant multiplier.
        self.infer_dropout_scale = (1.0 - dropout_prob) if (use_last_conv and paddle_dropout_compat) else 1.0

    def forward_features(self, x):
        x = self.conv1(x)
        x = self.blocks2(x)
        x = self.blocks3(x)
        x = self.blocks4(x)
        x = self.blocks5(x)
        x = self.blocks6(x)
        return x

    def forward(self, x):
        x = self.avg_pool(self.forward_features(x))
        if self.use_last_conv:
            x = self.dropout(self.act(self.last_conv(x)))
            if self.infer_dropout_scale != 1.0 and not self.training:
                x = x * self.infer_dropout_scale
        x = self.flatten(x)
        return self.fc(x)


class ExportModel(nn.Module):
    """Like PaddleClas ExportModel: backbone + Softmax(-1). Optionally also returns the logits."""

    def __init__(self, model, with_logits=False):
        super().__init__()
        self.base_model = model
        self.softmax = nn.Softmax(dim=-1)
        self.with_logits = with_logits

    def forward(self, x):
        logits = self.base_model(x)
        probs = self.softmax(logits)
        return (probs, logits) if self.with_logits else probs


def PPLCNet_x(scale, **kw):
    return PPLCNet(scale=scale, **kw)


def load_checkpoint(path):
    """A training checkpoint (train.py, finetune_real.py) as (network with its weights, checkpoint)."""
    ck = torch.load(path, map_location="cpu")
    net = PPLCNet(scale=ck["args"]["scale"], class_num=2, use_last_conv=ck["args"]["last_conv"])
    net.load_state_dict(ck["model"])
    return net, ck


if __name__ == "__main__":
    for s in [0.25, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5]:
        m = PPLCNet(scale=s, class_num=1000)
        n = sum(p.numel() for p in m.parameters())
        print(s, n)
    m = PPLCNet(1.0, class_num=2, use_last_conv=False)
    print("clarity x1_0 params", sum(p.numel() for p in m.parameters()))

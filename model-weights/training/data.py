"""Data for the blurfilter default model: cached images, synthetic blur, PaddleClas preprocessing.

Everything image-related is done with OpenCV on uint8 RGB (H, W, 3) arrays.  All randomness goes
through a numpy Generator passed in explicitly, so training samples are reproducible from
(seed, epoch, index) and validation blur is reproducible from the file name.

Label convention (PULC clarity_assessment): 0 = clear, 1 = blur.
"""
import csv
import hashlib
import math
import os

import cv2
import numpy as np

import camera as C

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("BF_DATA", os.path.abspath(os.path.join(HERE, "../../../shared/data")))
SPLIT_CSV = os.path.join(HERE, "split.csv")

# ---------------------------------------------------------------------------------------------
# Preprocessing identical to PaddleClas deploy (inference_clarity_assessment.yaml)
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
SCALE = np.float32(0.00392157)  # NormalizeImage scale as written in the PaddleClas yaml
RESIZE_SHORT = 256
CROP = 224


def read_rgb(path):
    """cv2.imread (BGR, EXIF orientation applied by OpenCV) -> RGB uint8, like PaddleClas predict_cls."""
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise IOError(path)
    return np.ascontiguousarray(img[:, :, ::-1])


def resize_interp(factor):
    """The default model's resize (engine preprocessing `interpolation=area`): OpenCV INTER_AREA when
    shrinking, so a 12-MP photo is averaged, not point-sampled, down to 256 px; INTER_LINEAR when
    enlarging (PaddleClas' bilinear)."""
    return cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR


def resize_short(img, short=RESIZE_SHORT):
    h, w = img.shape[:2]
    percent = float(short) / min(w, h)
    nw, nh = int(round(w * percent)), int(round(h * percent))
    return cv2.resize(img, (nw, nh), interpolation=resize_interp(percent))


def center_crop(img, size=CROP):
    h, w = img.shape[:2]
    x0, y0 = (w - size) // 2, (h - size) // 2
    return img[y0:y0 + size, x0:x0 + size]


def eval_crop_uint8(img):
    """RGB uint8 -> 224x224 RGB uint8 (resize_short 256, area when shrinking, center crop 224)."""
    return np.ascontiguousarray(center_crop(resize_short(img)))


def normalize(img_u8):
    """HWC uint8 RGB -> CHW float32, (x*0.00392157 - mean)/std in float32 like NormalizeImage."""
    x = img_u8.astype(np.float32) * SCALE
    x = (x - MEAN) / STD
    return np.ascontiguousarray(x.transpose(2, 0, 1))


def preprocess_eval(img):
    return normalize(eval_crop_uint8(img))


# ---------------------------------------------------------------------------------------------
# Split and image cache

def load_split(which):
    rows = list(csv.DictReader(open(SPLIT_CSV)))
    return [r["file"] for r in rows if r["split"] == which]


def load_images(files, folder=None):
    folder = folder or os.path.join(DATA, "sharp")
    return [read_rgb(os.path.join(folder, f)) for f in files]


def name_seed(name, salt=""):
    return int(hashlib.sha256((salt + name).encode()).hexdigest()[:16], 16)


# ---------------------------------------------------------------------------------------------
# Blur kernels.  Strengths are given in pixels of an image whose short side is 288 px (the corpus'
# size); `k_scale` rescales them for other resolutions.  At the network input (resize_short 256)
# a 288-px image is scaled by 0.89, so the mildest blurs below are still ~1 px sigma / ~4.5 px
# motion at 224-256 px: visibly blurred, not label noise.

def paddle_motion_kernel(k, angle):
    """PaddleClas BlurImage motion kernel: a k x k diagonal line rotated by `angle` degrees.
    Paddle divides by k; we divide by the sum so brightness is preserved exactly."""
    m = cv2.getRotationMatrix2D((k / 2, k / 2), angle, 1)
    kern = cv2.warpAffine(np.diag(np.ones(k, dtype=np.float32)), m, (k, k))
    return kern / kern.sum()


def line_kernel(length, angle):
    """Anti-aliased straight motion of `length` px at any angle (used at scaled resolutions)."""
    r = int(math.ceil(length / 2)) + 2
    size = 2 * r + 1
    kern = np.zeros((size, size), np.float32)
    n = max(8, int(length * 8))
    t = np.linspace(-length / 2, length / 2, n)
    a = math.radians(angle)
    _splat(kern, r + t * math.cos(a), r - t * math.sin(a))
    return kern / kern.sum()


def _splat(kern, xs, ys):
    x0 = np.floor(xs).astype(int)
    y0 = np.floor(ys).astype(int)
    fx, fy = xs - x0, ys - y0
    for dx, dy, wgt in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
        np.add.at(kern, (np.clip(y0 + dy, 0, kern.shape[0] - 1), np.clip(x0 + dx, 0, kern.shape[1] - 1)), wgt)


def disk_kernel(radius):
    """Anti-aliased uniform disk (defocus), 8x supersampled."""
    r = int(math.ceil(radius)) + 1
    ss = 8
    g = (np.arange((2 * r + 1) * ss) + 0.5) / ss - (r + 0.5)
    yy, xx = np.meshgrid(g, g, indexing="ij")
    inside = (xx ** 2 + yy ** 2 <= radius ** 2).astype(np.float32)
    kern = inside.reshape(2 * r + 1, ss, 2 * r + 1, ss).mean(axis=(1, 3))
    return kern / kern.sum()


def shake_kernel(extent, rng):
    """Camera-shake PSF: a random trajectory with inertia and occasional jerks (after Boracchi &
    Foi 2012), scaled so its bounding extent is `extent` px, splatted with bilinear weights and
    slightly smoothed."""
    n = 120
    noise = rng.standard_normal((n, 2)) * 0.35
    jerk = (rng.random(n) < 0.03)[:, None] * rng.standard_normal((n, 2)) * 2.0
    noise = (noise + jerk).tolist()
    vx, vy = rng.standard_normal(2).tolist()
    px = py = 0.0
    pos = np.empty((n, 2))
    for i in range(n):
        vx, vy = 0.85 * vx + noise[i][0], 0.85 * vy + noise[i][1]
        nv = math.hypot(vx, vy) + 1e-9
        vx, vy = vx / nv, vy / nv
        px, py = px + vx, py + vy
        pos[i, 0], pos[i, 1] = px, py
    pos -= pos.mean(0)
    span = np.ptp(pos, axis=0).max() + 1e-9
    pos *= extent / span
    r = int(math.ceil(np.abs(pos).max())) + 2
    kern = np.zeros((2 * r + 1, 2 * r + 1), np.float32)
    _splat(kern, r + pos[:, 0], r + pos[:, 1])
    kern = cv2.GaussianBlur(kern, (0, 0), 0.4)
    return kern / kern.sum()


def tremor_kernel(extent, rng):
    """Hand-tremor PSF: oscillating motion sampled uniformly in *time*, so the camera dwells at the
    turning points and the PSF has bright ends and a faint streak between them (ghosting / double
    image, typical of real hand-held motion blur; stars and highlights become dots + trails)."""
    n = 400
    t = np.linspace(0.0, 1.0, n)
    cycles = rng.uniform(0.5, 1.5)
    phase = rng.uniform(0, 2 * np.pi)
    main = np.sin(2 * np.pi * cycles * t + phase)
    perp = rng.uniform(0.0, 0.35) * np.sin(2 * np.pi * rng.uniform(0.5, 2.5) * t + rng.uniform(0, 2 * np.pi))
    drift = rng.uniform(-0.5, 0.5) * t
    a = float(rng.normal(0, 15)) if rng.random() < 0.5 else float(rng.uniform(0, 180))
    c, s_ = math.cos(math.radians(a)), math.sin(math.radians(a))
    u = main + drift
    pos = np.stack([u * c - perp * s_, u * s_ + perp * c], 1)
    pos -= pos.mean(0)
    span = np.ptp(pos, axis=0).max() + 1e-9
    pos *= extent / span
    r = int(math.ceil(np.abs(pos).max())) + 2
    kern = np.zeros((2 * r + 1, 2 * r + 1), np.float32)
    _splat(kern, r + pos[:, 0], r + pos[:, 1])
    kern = cv2.GaussianBlur(kern, (0, 0), 0.4)
    return kern / kern.sum()


def gaussian_kernel(ksize, sigma=0):
    if sigma <= 0:
        sigma = 0.3 * ((ksize - 1) * 0.5 - 1) + 0.8  # OpenCV's default for GaussianBlur(k, 0)
    g = cv2.getGaussianKernel(ksize, sigma).astype(np.float32)
    return g @ g.T


def apply_kernel(img, kern):
    if isinstance(kern, tuple) and kern[0] == "gauss":
        return cv2.GaussianBlur(img, (kern[1], kern[1]), kern[2], borderType=cv2.BORDER_REFLECT_101)
    return cv2.filter2D(img, -1, kern, borderType=cv2.BORDER_REFLECT_101)


def _random_kernel(rng, kind, k_scale):
    """Kernel of a given kind with strength at 288-px reference scale times k_scale."""
    if kind == "gaussian":
        ksize = int(rng.choice([5, 7, 9, 11]))  # PaddleClas: gaussian 5..11
        sigma = (0.3 * ((ksize - 1) * 0.5 - 1) + 0.8) * k_scale
        ks = int(2 * math.ceil(3 * sigma) + 1)
        return ("gauss", ks, sigma)  # separable: applied with cv2.GaussianBlur
    if kind == "motion":
        k = int(rng.integers(5, 12))  # PaddleClas: size 5..11, angle +-45
        angle = float(rng.uniform(-45, 45))
        if abs(k_scale - 1) < 0.05:
            return paddle_motion_kernel(k, angle)
        # the Paddle kernel is a k-px diagonal (length ~k*sqrt2 clipped by the box) rotated
        return line_kernel(k * 1.2 * k_scale, 45 + angle)
    if kind == "linear":
        # straight camera/subject motion at any angle, longer than PaddleClas' kernel; half of
        # them near-horizontal (panning / hand shake is mostly horizontal in real photos)
        angle = float(rng.normal(0, 12)) if rng.random() < 0.5 else float(rng.uniform(0, 180))
        return line_kernel(float(rng.uniform(6.0, 24.0)) * k_scale, angle)
    if kind == "defocus":
        return disk_kernel(float(rng.uniform(2.0, 5.0)) * k_scale)
    if kind == "shake":
        return shake_kernel(float(rng.uniform(5.0, 20.0)) * k_scale, rng)
    if kind == "tremor":
        return tremor_kernel(float(rng.uniform(5.0, 20.0)) * k_scale, rng)
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------------
# Photometric degradations (label independent) and shallow depth of field

def add_noise(img, rng):
    """Sensor-like noise: signal-dependent (shot) + constant (read) gaussian, partly chroma."""
    x = img.astype(np.float32)
    read = float(rng.uniform(1.0, 6.0))
    shot = float(rng.uniform(0.0, 0.6))
    sigma = cv2.sqrt(x * shot + read * read)
    cv2.setRNGSeed(int(rng.integers(0, 2 ** 31 - 1)))  # cv2.randn is much faster than numpy here
    n = np.empty(img.shape, np.float32)
    cv2.randn(n, 0.0, 1.0)
    if rng.random() < 0.5:  # luminance-dominant: one shared field plus 30% per-channel
        n1 = np.empty(img.shape[:2], np.float32)
        cv2.randn(n1, 0.0, 1.0)
        n = n * 0.3 + n1[:, :, None]
    return np.clip(cv2.add(x, n * sigma) + 0.5, 0, 255).astype(np.uint8)


def jpeg(img, q):
    ok, buf = cv2.imencode(".jpg", img[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(q)])
    return np.ascontiguousarray(cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1])


def sharpen(img, rng):
    sigma = rng.uniform(0.7, 1.5)
    amount = rng.uniform(0.2, 0.8)
    x = img.astype(np.float32)
    b = cv2.GaussianBlur(x, (0, 0), sigma)
    return np.clip(np.rint(x + amount * (x - b)), 0, 255).astype(np.uint8)


def shallow_dof(img, rng, k_scale=1.0, one_subject=False):
    """A sharp 'subject' on a strongly defocused background.  Labelled CLEAR (0): like PULC/Kwentar,
    a photo whose subject is in focus is a sharp photo.  The subject is one to three feathered
    ellipses covering roughly 12-55% of the frame (in the CUHK shallow depth-of-field photos the
    blurred part is a median 68% of the frame); recipe r2 drew one larger central ellipse
    (one_subject, kept so that r2's samples are reproduced exactly)."""
    h, w = img.shape[:2]
    bg = apply_kernel(img, disk_kernel(float(rng.uniform(3.0, 8.0)) * k_scale))
    yy0 = np.arange(h, dtype=np.float32)[:, None]
    xx0 = np.arange(w, dtype=np.float32)[None, :]
    if one_subject:
        cy, cx = rng.uniform(0.35, 0.65) * h, rng.uniform(0.35, 0.65) * w
        ay, ax = rng.uniform(0.25, 0.45) * h, rng.uniform(0.25, 0.45) * w
        mask = np.clip((1.25 - (((yy0 - cy) / ay) ** 2 + ((xx0 - cx) / ax) ** 2)) / 0.5, 0, 1)
    else:
        mask = np.zeros((h, w), np.float32)
        for _ in range(int(rng.integers(1, 4))):
            cy, cx = rng.uniform(0.25, 0.75) * h, rng.uniform(0.25, 0.75) * w
            ay, ax = rng.uniform(0.15, 0.42) * h, rng.uniform(0.15, 0.42) * w
            r2 = ((yy0 - cy) / ay) ** 2 + ((xx0 - cx) / ax) ** 2
            mask = np.maximum(mask, np.clip((1.2 - r2) / rng.uniform(0.2, 0.6), 0, 1))
    mask = mask[:, :, None]
    return np.clip(np.rint(mask * img + (1 - mask) * bg), 0, 255).astype(np.uint8)


# ---------------------------------------------------------------------------------------------
# The blur synthesizer

BLUR_TYPES = ["gaussian", "motion", "linear", "defocus", "shake", "tremor", "highres", "mixed"]
BLUR_PROBS = [0.10, 0.10, 0.12, 0.15, 0.13, 0.16, 0.12, 0.12]


def synth_blur(img, rng, k_scale=1.0, kind=None):
    """Blur an RGB uint8 image at its own resolution. Returns (blurred, kind)."""
    if kind is None:
        kind = str(rng.choice(BLUR_TYPES, p=BLUR_PROBS))
    if kind in ("gaussian", "motion", "linear", "defocus", "shake", "tremor"):
        return apply_kernel(img, _random_kernel(rng, kind, k_scale)), kind
    if kind == "highres":
        # the photo was taken at a higher resolution, blurred there, then downscaled to ours
        u = float(rng.uniform(1.5, 3.0))
        h, w = img.shape[:2]
        up = cv2.resize(img, (int(round(w * u)), int(round(h * u))), interpolation=cv2.INTER_CUBIC)
        sub = str(rng.choice(["gaussian", "motion", "linear", "defocus", "shake", "tremor"]))
        up = apply_kernel(up, _random_kernel(rng, sub, k_scale * u))
        interp = cv2.INTER_AREA if rng.random() < 0.5 else cv2.INTER_LINEAR
        return cv2.resize(up, (w, h), interpolation=interp), kind
    if kind == "mixed":
        # milder defocus + small shake, then sensor noise and JPEG (a dim, shaky phone shot)
        k = disk_kernel(float(rng.uniform(1.5, 3.5)) * k_scale)
        out = apply_kernel(img, k)
        ext = float(rng.uniform(3.0, 8.0)) * k_scale
        out = apply_kernel(out, shake_kernel(ext, rng) if rng.random() < 0.5 else tremor_kernel(ext, rng))
        out = add_noise(out, rng)
        out = jpeg(out, rng.uniform(40, 90))
        return out, kind
    raise ValueError(kind)


def degrade_common(img, rng):
    """Label-independent degradations so noise, JPEG or sharpening alone never mean anything."""
    if rng.random() < 0.15:
        img = sharpen(img, rng)
    if rng.random() < 0.25:
        img = add_noise(img, rng)
    if rng.random() < 0.35:
        img = jpeg(img, rng.uniform(50, 95))
    return img


def k_scale_of(img):
    return min(img.shape[:2]) / 288.0


# ---------------------------------------------------------------------------------------------
# Validation set: each held-out image gives a clear sample (the file itself) and a blurred sample
# (synth_blur with rng seeded by the file name).  `hardneg` = the clear image with seeded
# noise / JPEG / sharpening only, still label 0 (reported separately).

def val_blurred(img, name):
    rng = np.random.default_rng(name_seed(name, "val-blur:"))
    out, kind = synth_blur(img, rng, k_scale_of(img))
    return out, kind


def val_hardneg(img, name):
    rng = np.random.default_rng(name_seed(name, "val-hardneg:"))
    out = img
    if rng.random() < 0.5:
        out = sharpen(out, rng)
    out = add_noise(out, rng)
    out = jpeg(out, rng.uniform(40, 90))
    return out


# ---------------------------------------------------------------------------------------------
# Training samples

def colour_jitter(img, rng):
    x = img.astype(np.float32)
    x = x * rng.uniform(0.7, 1.3)  # brightness
    m = x.mean()
    x = (x - m) * rng.uniform(0.7, 1.3) + m  # contrast
    g = x @ np.array([0.299, 0.587, 0.114], np.float32)
    x = g[:, :, None] + (x - g[:, :, None]) * (0.0 if rng.random() < 0.05 else rng.uniform(0.6, 1.4))
    return np.clip(np.rint(x), 0, 255).astype(np.uint8)


# Motion-type blur is also trained down to 0.45x its mildest strength (2.5-3 px streaks or double
# edges at the network input): real phone motion blur, e.g. a slight double image, is labelled
# blurred by Kwentar/PULC even when a 12-MP photo resized to 256 px leaves only a few pixels of it.
# The validation set keeps the standard strengths.
MILD_KINDS = ("linear", "shake", "tremor")


# Per recipe, the knobs that differ.  r2 (the shipped model) has no simulated camera and draws no
# random number for it, so its samples are the ones it was trained on, bit for bit.
RECIPES = {"r2": {"p_dof": 0.05, "p_camera": 0.0}, "r3": {"p_dof": 0.12, "p_camera": 0.55}}


def recipe_of(checkpoint_args):
    """The recipe a checkpoint (its "args") was trained with.  Checkpoints without one are r3 runs: main
    trained r3 from 0811eff until --recipe came (b62e1a8)."""
    return checkpoint_args.get("recipe", "r3")


def train_sample(img, rng, size=160, p_blur=0.5, p_dof=None, p_alias=0.35, p_mild=0.3, p_camera=None,
                 dark_output=False, mild_lo=0.45, recipe="r3"):
    """One training sample of recipe r2 or r3 (p_dof and p_camera default to the recipe's).

    Crop scale: usually drawn RELATIVE to the evaluation scale (resize_short 256): pixel scale
    factor f = (256/short) * log-U(0.8, 1.25), aspect log-U(0.8, 1.25) — a random-resized-crop
    that keeps blur widths at the network input close to what evaluation at 224 sees, so training
    at 160 transfers to evaluation at 224.
    With p_alias (when the image is large enough) the crop is instead downscaled harder,
    f = log-U(size/short, 0.72), with INTER_NEAREST, INTER_LINEAR or INTER_AREA (a third each):
    point-sampling aliasing like a 12-MP phone photo resized to 256 with INTER_LINEAR (PaddleClas'
    deploy resize), or the crisp, clean look of one averaged down with INTER_AREA (the default
    model's resize).  Blur strength is multiplied by f_eval/f so blur widths at the network input
    keep the same distribution, and the regime is label independent.
    With p_mild a motion-type blur (MILD_KINDS) is weakened to U(mild_lo, 1) of its strength.
    With p_camera (label independent, recipe r3) the region is re-shot through camera.py's simulated
    camera (blur in linear light with saturated highlights, sensor noise, demosaicing, tone curve,
    sharpening, JPEG, at a higher resolution then INTER_AREA back); otherwise it is blurred with the
    r2 kernel bank on sRGB values and degraded by degrade_common.
    Blur and degradations are applied at the image's own resolution, before the resize."""
    r2 = recipe == "r2"
    if r2 and p_camera:
        raise ValueError("recipe r2 has no simulated camera (p_camera)")
    p_dof = RECIPES[recipe]["p_dof"] if p_dof is None else p_dof
    p_camera = RECIPES[recipe]["p_camera"] if p_camera is None else p_camera
    h, w = img.shape[:2]
    f_eval = RESIZE_SHORT / min(h, w)
    ar = math.exp(rng.uniform(math.log(0.8), math.log(1.25)))
    f_min = size / min(h, w) * 1.02 * math.sqrt(max(ar, 1 / ar))
    alias = rng.random() < p_alias and f_min < 0.7
    if alias:
        f = math.exp(rng.uniform(math.log(f_min), math.log(0.72)))
        # point-sampled (what PaddleClas' INTER_LINEAR does to a 12-MP photo) or averaged (what the
        # default model's INTER_AREA does: a crisp photo whose residual blur is only a few pixels)
        interp = [cv2.INTER_NEAREST, cv2.INTER_LINEAR, cv2.INTER_AREA][int(rng.integers(0, 3))]
    else:
        f = f_eval * math.exp(rng.uniform(math.log(0.8), math.log(1.25)))
        interp = resize_interp(f)
    cw = min(w, int(round(size / (f * math.sqrt(ar)))))
    ch = min(h, int(round(size * math.sqrt(ar) / f)))
    x0 = int(rng.integers(0, w - cw + 1))
    y0 = int(rng.integers(0, h - ch + 1))
    m = 24  # margin so blur near the crop border sees real pixels (kernel radii <= ~10 px)
    rx0, ry0 = max(0, x0 - m), max(0, y0 - m)
    rx1, ry1 = min(w, x0 + cw + m), min(h, y0 + ch + m)
    region = img[ry0:ry1, rx0:rx1]
    ks = k_scale_of(img) * (f_eval / f if alias else 1.0)
    label = 1 if rng.random() < p_blur else 0
    camera = not r2 and rng.random() < p_camera  # label independent
    if label and camera:
        region, _ = C.capture_region(region, rng, ks * (rng.uniform(0.6, 1.0) if rng.random() < 0.2 else 1.0),
                                     blurred=True, dark_output=dark_output)
    else:
        if label:
            kind = str(rng.choice(BLUR_TYPES, p=BLUR_PROBS))
            if kind in MILD_KINDS and rng.random() < p_mild:
                ks *= rng.uniform(mild_lo, 1.0)
            region, _ = synth_blur(region, rng, ks, kind)
        elif rng.random() < p_dof:
            region = shallow_dof(region, rng, ks, one_subject=r2)
        region = (C.capture_region(region, rng, ks, blurred=False, dark_output=dark_output)[0] if camera
                  else degrade_common(region, rng))
    crop = region[y0 - ry0:y0 - ry0 + ch, x0 - rx0:x0 - rx0 + cw]
    out = cv2.resize(crop, (size, size), interpolation=interp)
    if rng.random() < 0.5:
        out = out[:, ::-1]
    if rng.random() < 0.05:
        out = out[::-1]
    if rng.random() < 0.8:
        out = colour_jitter(out, rng)
    return normalize(np.ascontiguousarray(out)), label


class TrainSet:
    """torch-style dataset over cached uint8 images; sample i of epoch e uses rng(seed, e, i)."""

    def __init__(self, images, size=160, seed=0, dark_output=False, **sample_args):
        self.images = images
        self.size = size
        self.seed = seed
        self.epoch = 0
        self.dark_output = dark_output
        self.sample_args = sample_args  # train_sample's recipe knobs (p_mild, mild_lo, ...) when not the defaults

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        rng = np.random.default_rng([self.seed, self.epoch, i])
        x, y = train_sample(self.images[i], rng, self.size, dark_output=self.dark_output, **self.sample_args)
        return x, y


# ---------------------------------------------------------------------------------------------
# Metrics

def roc_auc(scores, labels):
    scores = np.asarray(scores, np.float64)
    labels = np.asarray(labels)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    s = scores[order]
    i = 0
    while i < len(s):  # average ranks for ties
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    npos = (labels == 1).sum()
    nneg = (labels == 0).sum()
    return float((ranks[labels == 1].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def threshold_table(scores, labels, thresholds=(0.5, 0.7, 0.8, 0.9, 0.95)):
    scores = np.asarray(scores)
    labels = np.asarray(labels)
    rows = []
    for t in thresholds:
        pred = scores >= t
        tp = int((pred & (labels == 1)).sum())
        fp = int((pred & (labels == 0)).sum())
        tn = int((~pred & (labels == 0)).sum())
        fn = int((~pred & (labels == 1)).sum())
        rows.append({"threshold": t, "accuracy": (tp + tn) / len(labels),
                     "fpr": fp / max(1, fp + tn), "tpr": tp / max(1, tp + fn),
                     "tp": tp, "fp": fp, "tn": tn, "fn": fn})
    return rows


def load_real_dev():
    folder = os.path.join(DATA, "real-dev")
    rows = list(csv.DictReader(open(os.path.join(folder, "manifest.csv"))))
    out = []
    for r in rows:
        out.append((r["file"], 1 if r["label"] == "blurred" else 0, read_rgb(os.path.join(folder, r["file"]))))
    return out


def load_real_blur():
    """../shared/data/real-blur: [(file, label 1 blurred / 0 sharp, source, pair_group, image)]."""
    folder = os.path.join(DATA, "real-blur")
    rows = list(csv.DictReader(open(os.path.join(folder, "manifest.csv"))))
    return [(r["file"], 1 if r["label"] == "blurred" else 0, r["source"], r["pair_group"] or r["file"],
             read_rgb(os.path.join(folder, r["file"]))) for r in rows]


def load_partial_blur():
    """../shared/data/partial-blur: shallow depth-of-field photos, all clear: [(file, image)]."""
    folder = os.path.join(DATA, "partial-blur")
    rows = list(csv.DictReader(open(os.path.join(folder, "manifest.csv"))))
    return [(r["image"], read_rgb(os.path.join(folder, r["image"]))) for r in rows]


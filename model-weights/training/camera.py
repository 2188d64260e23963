"""Camera-faithful blur synthesis (recipe r3): blur happens to light, not to JPEG pixels.

A real blurred photo is made in this order, and so is a synthetic one here:

  scene radiance (linear, highlights above white)  -> blur (the PSF integrates light over the exposure)
  -> sensor: exposure, full-well clipping, shot + read noise on a Bayer mosaic -> demosaicing
  -> the camera's tone curve -> the phone's denoising and sharpening -> JPEG
  -> the deploy resize (INTER_AREA) from the higher "sensor" resolution down to the network's.

Every stage except the blur itself is applied to clear samples too, with the same distribution, so
noise, demosaicing, sharpening, JPEG or saturated lights never mean "blur" (label independence).
Why each stage matters (Rim et al., RSBlur, ECCV 2022; the run history in README.md):
* linear light + saturation: a street lamp smeared by shake is a saturated streak with hard edges,
  which pixel-domain blur cannot make; bright regions dominate real blurred photos taken at night;
* noise after the blur: a dim hand-held shot is blurred *and* grainy; grain is high-frequency
  content that a network trained on clean blur reads as sharpness;
* sharpening after the blur: the phone's ISP turns smears into crisp-edged streaks;
* non-uniform speed: a hand starts, accelerates and stops, so the PSF is a bright dwell with a faint
  trail (a ghost), not the uniform line of a kernel bank.

Kernels here are in pixels at the *sensor* resolution; `strength` scales the 288-px-reference extents.
All randomness comes from the numpy Generator passed in.
"""
import math

import cv2
import numpy as np


# ---------------------------------------------------------------------------------------------
# Tone curves (camera response).  The forward curve is what the camera applied; its inverse
# linearizes our (already processed) sharp photos.

class ToneCurve:
    """Gamma with an optional filmic S-curve: y = s(x^(1/g)), s a contrast curve mixed in with weight c.
    Both directions are table look-ups (np.interp per pixel is 30x slower)."""

    N = 65536

    def __init__(self, rng):
        self.g = float(rng.uniform(1.8, 2.6))
        self.c = float(rng.uniform(0.0, 0.6)) if rng.random() < 0.5 else 0.0
        x = np.linspace(0.0, 1.0, self.N)
        self._fwd = self._forward_exact(x).astype(np.float32)
        # inverse for 8-bit input: the monotone curve inverted at the 256 code values
        self._inv_u8 = np.interp(np.arange(256) / 255.0, self._fwd, x).astype(np.float32)

    def _forward_exact(self, x):
        y = np.power(np.clip(x, 0, 1), 1.0 / self.g)
        s = y * y * (3 - 2 * y)  # smoothstep: more contrast in mid-tones
        return (1 - self.c) * y + self.c * s

    def forward(self, x):
        idx = (np.clip(x, 0, 1) * (self.N - 1) + 0.5).astype(np.int32)
        return self._fwd[idx]

    def inverse_u8(self, img):
        return self._inv_u8[img]


# ---------------------------------------------------------------------------------------------
# PSFs with non-uniform speed.  Each is a list of positions sampled uniformly in TIME, so where the
# camera moves slowly the PSF is bright (exposure piles up), where it moves fast it is faint.

def _splat_psf(pos, extent):
    pos = pos - pos.mean(0)
    span = float(np.ptp(pos, axis=0).max()) + 1e-9
    pos = pos * (extent / span)
    r = int(math.ceil(np.abs(pos).max())) + 2
    kern = np.zeros((2 * r + 1, 2 * r + 1), np.float32)
    xs, ys = r + pos[:, 0], r + pos[:, 1]
    x0, y0 = np.floor(xs).astype(int), np.floor(ys).astype(int)
    fx, fy = (xs - x0).astype(np.float32), (ys - y0).astype(np.float32)
    for dx, dy, w in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
        np.add.at(kern, (y0 + dy, x0 + dx), w)
    kern = cv2.GaussianBlur(kern, (0, 0), 0.5)  # the optics' own small spot
    return kern / kern.sum()


def shake_psf(extent, rng):
    """Camera shake with inertia and impulsive jerks (after Boracchi & Foi 2012): velocity is NOT
    renormalized, so speed varies along the path; optional dwell at the start or the end."""
    n = 256
    acc = rng.standard_normal((n, 2)) * rng.uniform(0.3, 1.0)
    jerk = (rng.random((n, 1)) < rng.uniform(0.0, 0.05)) * rng.standard_normal((n, 2)) * rng.uniform(2, 6)
    v = rng.standard_normal(2) * rng.uniform(0.5, 3.0)
    damp = rng.uniform(0.80, 0.97)
    vel = np.empty((n, 2))
    for i in range(n):
        v = damp * v + acc[i] + jerk[i]
        vel[i] = v
    pos = np.cumsum(vel, 0)
    return _splat_psf(_with_dwell(pos, rng), extent)


def accel_line_psf(extent, rng):
    """Straight motion whose speed changes over the exposure: position ~ t^p (p > 1 accelerates
    away from a bright start, p < 1 decelerates into a bright end); near-horizontal half the time."""
    n = 256
    t = np.linspace(0.0, 1.0, n)
    p = math.exp(rng.uniform(math.log(0.3), math.log(3.0)))
    u = t ** p
    if rng.random() < 0.5:
        u = 1 - u[::-1]
    ang = math.radians(float(rng.normal(0, 12)) if rng.random() < 0.5 else float(rng.uniform(0, 180)))
    bend = rng.uniform(-0.15, 0.15) * np.sin(np.pi * u)  # a hand never moves in a perfect line
    pos = np.stack([u * math.cos(ang) - bend * math.sin(ang), u * math.sin(ang) + bend * math.cos(ang)], 1)
    return _splat_psf(pos, extent)


def tremor_psf(extent, rng):
    """Oscillation sampled in time: bright turning points joined by faint streaks (double images)."""
    n = 400
    t = np.linspace(0.0, 1.0, n)
    main = np.sin(2 * np.pi * rng.uniform(0.4, 1.6) * t + rng.uniform(0, 2 * np.pi))
    perp = rng.uniform(0.0, 0.4) * np.sin(2 * np.pi * rng.uniform(0.5, 2.5) * t + rng.uniform(0, 2 * np.pi))
    u = main + rng.uniform(-0.6, 0.6) * t
    ang = math.radians(float(rng.normal(0, 15)) if rng.random() < 0.5 else float(rng.uniform(0, 180)))
    c, s = math.cos(ang), math.sin(ang)
    pos = np.stack([u * c - perp * s, u * s + perp * c], 1)
    return _splat_psf(pos, extent)


def _with_dwell(pos, rng):
    """With p 0.35 the camera rests at one end for a fraction of the exposure (a sharp-ish copy under a
    trail: the ghosting of real hand-held shots).  The fraction stays below 0.4 so the blur is real."""
    if rng.random() >= 0.35:
        return pos
    k = int(len(pos) * rng.uniform(0.1, 0.4))
    end = pos[:1] if rng.random() < 0.5 else pos[-1:]
    return np.concatenate([pos, np.repeat(end, k, 0)])


def defocus_psf(radius, rng):
    """A lens' defocus: a disk, sometimes with a brighter rim (spherical aberration, 'soap bubble'
    bokeh) or a soft edge, 8x supersampled."""
    r = int(math.ceil(radius)) + 2
    ss = 8
    g = (np.arange((2 * r + 1) * ss) + 0.5) / ss - (r + 0.5)
    yy, xx = np.meshgrid(g, g, indexing="ij")
    rho = np.sqrt(xx ** 2 + yy ** 2) / max(radius, 1e-6)
    edge = rng.uniform(0.02, 0.25)
    disk = np.clip((1 - rho) / edge + 0.5, 0, 1)
    if rng.random() < 0.3:
        disk *= 1 + rng.uniform(0.2, 1.0) * rho ** 2  # brighter rim
    kern = disk.reshape(2 * r + 1, ss, 2 * r + 1, ss).mean(axis=(1, 3)).astype(np.float32)
    return kern / kern.sum()


def gaussian_psf(sigma):
    r = int(math.ceil(3 * sigma)) + 1
    g = cv2.getGaussianKernel(2 * r + 1, sigma).astype(np.float32)
    return g @ g.T


def random_psf(rng, strength):
    """One camera PSF at sensor scale; `strength` = px per 288-px-reference px.  Returns (psf, kind)."""
    kind = str(rng.choice(["shake", "accel", "tremor", "defocus", "gaussian", "defocus+shake", "haze"],
                          p=[0.28, 0.14, 0.12, 0.22, 0.06, 0.12, 0.06]))
    s = strength
    if kind == "shake":
        return shake_psf(rng.uniform(5.0, 22.0) * s, rng), kind
    if kind == "accel":
        return accel_line_psf(rng.uniform(7.0, 26.0) * s, rng), kind
    if kind == "tremor":
        return tremor_psf(rng.uniform(5.0, 20.0) * s, rng), kind
    if kind == "defocus":
        return defocus_psf(rng.uniform(2.0, 5.5) * s, rng), kind
    if kind == "gaussian":
        return gaussian_psf(rng.uniform(1.1, 2.8) * s), kind
    if kind == "defocus+shake":
        d = defocus_psf(rng.uniform(1.3, 3.0) * s, rng)
        m = shake_psf(rng.uniform(3.0, 10.0) * s, rng)
        return _convolve_psfs(d, m), kind
    # haze: a damaged or dirty lens: a blurred core plus a wide, faint halo (veiling glare)
    core = defocus_psf(rng.uniform(1.8, 4.0) * s, rng)
    halo = gaussian_psf(rng.uniform(8.0, 20.0) * s)
    a = rng.uniform(0.15, 0.5)
    return _mix_psfs(core, halo, a), kind


def _convolve_psfs(a, b):
    h, w = a.shape[0] + b.shape[0] - 1, a.shape[1] + b.shape[1] - 1
    pa = np.zeros((h, w), np.float32)
    pa[b.shape[0] // 2:b.shape[0] // 2 + a.shape[0], b.shape[1] // 2:b.shape[1] // 2 + a.shape[1]] = a
    out = cv2.filter2D(pa, -1, b, borderType=cv2.BORDER_CONSTANT)
    return out / out.sum()


def _mix_psfs(core, halo, a):
    h, w = max(core.shape[0], halo.shape[0]), max(core.shape[1], halo.shape[1])
    out = np.zeros((h, w), np.float32)
    for k, wgt in ((core, 1 - a), (halo, a)):
        y0, x0 = (h - k.shape[0]) // 2, (w - k.shape[1]) // 2
        out[y0:y0 + k.shape[0], x0:x0 + k.shape[1]] += wgt * k
    return out / out.sum()


def convolve(lin, psf):
    return cv2.filter2D(lin, -1, psf, borderType=cv2.BORDER_REFLECT_101)


# ---------------------------------------------------------------------------------------------
# The camera

def _highlight_headroom(lin, rng, low_light):
    """Our photos are clipped at white; the scene was not.  Near-white pixels (lights, sky glints,
    reflections) get their radiance back, x H, so blur spreads them as saturated streaks and discs."""
    if rng.random() < (0.3 if not low_light else 0.1):
        return lin
    white = lin.min(axis=2, keepdims=True)  # all channels high: a light, not a saturated colour
    lo = rng.uniform(0.8, 0.95)
    m = np.clip((white - lo) / (1.0 - lo), 0, 1) ** 2
    h = math.exp(rng.uniform(0.0, math.log(25.0 if low_light else 8.0)))
    return lin * (1 + (h - 1) * m)


def _bayer_noise_demosaic(raw, rng, shot, read):
    """Shot + read noise on an RGGB mosaic, then OpenCV's bilinear demosaicing: the noise comes out
    spatially correlated and coloured, and the image a little softer, as from a real sensor."""
    h, w = raw.shape[:2]
    h2, w2 = h - h % 2, w - w % 2
    raw = raw[:h2, :w2]
    mosaic = np.empty((h2, w2), np.float32)
    mosaic[0::2, 0::2] = raw[0::2, 0::2, 0]
    mosaic[0::2, 1::2] = raw[0::2, 1::2, 1]
    mosaic[1::2, 0::2] = raw[1::2, 0::2, 1]
    mosaic[1::2, 1::2] = raw[1::2, 1::2, 2]
    sigma = np.sqrt(np.maximum(mosaic, 0) * shot + read * read)
    mosaic = mosaic + rng.standard_normal(mosaic.shape, dtype=np.float32) * sigma
    m16 = np.clip(mosaic * 65535.0 + 0.5, 0, 65535).astype(np.uint16)
    rgb = cv2.cvtColor(m16, cv2.COLOR_BayerBG2RGB)  # OpenCV names an RGGB mosaic 'BG' (checked on pure red)
    out = rgb.astype(np.float32) / 65535.0
    if h2 != h or w2 != w:
        out = cv2.copyMakeBorder(out, 0, h - h2, 0, w - w2, cv2.BORDER_REPLICATE)
    return out


def sharpen_f(x, rng, strong):
    """Unsharp mask as phone ISPs apply it (strong) or as a photo editor might (mild)."""
    sigma = rng.uniform(0.6, 2.0) if strong else rng.uniform(0.5, 1.2)
    amount = rng.uniform(0.5, 2.5) if strong else rng.uniform(0.2, 0.8)
    b = cv2.GaussianBlur(x, (0, 0), sigma)
    return x + amount * (x - b)


def to_u8(x):
    return np.clip(np.rint(x * 255.0), 0, 255).astype(np.uint8)


def jpeg_u8(img, q):
    ok, buf = cv2.imencode(".jpg", img[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(q)])
    return np.ascontiguousarray(cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1])


def camera_capture(img, rng, psf=None, dark_output=False):
    """Re-shoot an RGB uint8 photo through a simulated camera, with the given PSF (None: no blur).

    The same distribution of everything but the PSF is used for both labels.  With dark_output (the
    fine-tuning recipe r3-ft) the photo may also come out dark: a night shot that the camera did not
    amplify back to a normal brightness (most of low light's samples), or an underexposed day shot (15%).
    The r3 pre-training left every photo at its normal brightness, and the network then read dark,
    grainy night shots as clear whatever their blur (0 of 10 LEDNet night photos caught)."""
    tone = ToneCurve(rng)
    low_light = rng.random() < 0.25
    lin = tone.inverse_u8(img)
    lin = _highlight_headroom(lin, rng, low_light)
    if psf is not None:
        lin = convolve(lin, psf)
    # exposure: a dim scene is recorded with few photons and amplified (noise grows with the gain)
    if low_light:
        exposure = math.exp(rng.uniform(math.log(0.04), math.log(0.35)))
        gain = rng.uniform(0.6, 1.1) / exposure
        shot = math.exp(rng.uniform(math.log(2e-4), math.log(3e-3)))
        read = math.exp(rng.uniform(math.log(3e-4), math.log(3e-3)))
    else:
        exposure = rng.uniform(0.7, 1.25)
        gain = 1.0 / exposure * rng.uniform(0.9, 1.1)
        shot = math.exp(rng.uniform(math.log(2e-5), math.log(1.5e-3)))
        read = math.exp(rng.uniform(math.log(1e-4), math.log(2e-3)))
    if dark_output:  # drawn after everything r3 draws, so r3's samples are unchanged without it
        if low_light:
            gain *= math.exp(rng.uniform(math.log(0.1), 0.0))
        elif rng.random() < 0.15:
            gain *= math.exp(rng.uniform(math.log(0.35), 0.0))
    raw = np.minimum(lin * exposure, 1.0)  # full well: saturated lights stay saturated
    if rng.random() < 0.85:
        raw = _bayer_noise_demosaic(raw, rng, shot, read)
    out = tone.forward(np.clip(raw * gain, 0, 1))
    # the phone: denoise (softens), sharpen (crispens edges and smears alike), JPEG
    if rng.random() < (0.5 if low_light else 0.2):
        d = rng.uniform(3.0, 6.0)
        out = cv2.bilateralFilter(out, 5, d / 100.0 * 2, d)
    if rng.random() < 0.6:
        out = sharpen_f(out, rng, strong=rng.random() < 0.6)
    out = to_u8(out)
    if rng.random() < 0.85:
        out = jpeg_u8(out, rng.uniform(55, 96))
    return out


def capture_region(region, rng, strength, blurred, dark_output=False):
    """Camera capture at a higher 'sensor' resolution (x U(1.25, 2), cubic up), reduced back with
    INTER_AREA like the deploy resize: the blur and the camera's artefacts are made at a finer
    scale than the network sees, as with a 12-MP photo.  Returns (uint8 image, psf kind or 'none')."""
    h, w = region.shape[:2]
    u = float(rng.uniform(1.25, 2.0))
    up = cv2.resize(region, (int(round(w * u)), int(round(h * u))), interpolation=cv2.INTER_CUBIC)
    psf, kind = (random_psf(rng, strength * u) if blurred else (None, "none"))
    out = camera_capture(up, rng, psf, dark_output)
    return cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA), kind

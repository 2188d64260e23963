#!/usr/bin/python3
"""Check that `train_sample(..., recipe="r2")` still draws the samples the shipped r2 model was trained on.

  /usr/bin/python3 model-weights/training/check_r2_samples.py [N]      # N train photos (default 400)

r2 was trained with data.py as of commit e42f529; that file is read from git and its train_sample is
compared with today's on N photos x 2 epochs x 2 sizes (160 and 224), pixel for pixel and label for
label. Exits 1 on the first difference. Also checks that the comparison can fail: r3's samples must
differ from r2's.
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
R2_COMMIT = "e42f529"
SEED = 20261127  # train.py's default seed


def module_from(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    sys.path.insert(0, HERE)
    import data as today
    source = subprocess.run(["git", "show", f"{R2_COMMIT}:model-weights/training/data.py"], cwd=HERE,
                            check=True, capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "data_r2.py")
        with open(path, "wb") as f:
            f.write(source)
        then = module_from(path, "data_r2")
    files = today.load_split("train")[:n]
    images = today.load_images(files)
    compared = 0
    for epoch in (0, 7):
        for size in (160, 224):
            for i, img in enumerate(images):
                x0, y0 = then.train_sample(img, np.random.default_rng([SEED, epoch, i]), size)
                x1, y1 = today.train_sample(img, np.random.default_rng([SEED, epoch, i]), size, recipe="r2")
                if y0 != y1 or not np.array_equal(x0, x1):
                    sys.exit(f"{files[i]} epoch {epoch} size {size}: recipe r2 differs from {R2_COMMIT}")
                compared += 1
    r3_same = sum(np.array_equal(then.train_sample(img, np.random.default_rng([SEED, 0, i]), 160)[0],
                                 today.train_sample(img, np.random.default_rng([SEED, 0, i]), 160, recipe="r3")[0])
                  for i, img in enumerate(images[:50]))
    if r3_same == 50:
        sys.exit("recipe r3 gives r2's samples: the comparison cannot tell recipes apart")
    print(f"recipe r2: {compared} samples identical to {R2_COMMIT}'s; r3 differs on {50 - r3_same} of 50")


if __name__ == "__main__":
    main()

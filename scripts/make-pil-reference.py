#!/usr/bin/python3
"""Makes the PIL/torchvision reference pixels of splice-djl's PilPreprocessingTest, from real photographs that
scikit-image ships (a developer's machine only; CI reads the committed files). Debian bookworm packages:
python3-pil 9.4.0, python3-torchvision 0.14.1, python3-torch 1.13, python3-skimage 0.19.3.

Command used:  /usr/bin/python3 scripts/make-pil-reference.py

Images (copied or cut from skimage/data, all real photographs or scans):
  rocket.jpg         640 x 427 baseline JPEG with an embedded Adobe RGB (1998) profile; odd crop margin (111)
  hubble.jpg         1000 x 872 JPEG with an Adobe APP14 marker and an sRGB profile; 4.6x downscale
  camera.png         512 x 512 greyscale PNG
  logo.png           500 x 500 RGBA PNG
  chelsea.png        451 x 300 RGB PNG with an sRGB profile
  palette.png        320 x 240 palette PNG
  coffee_prog.jpg    301 x 225 progressive JPEG cut from coffee.png (odd margin, slight downscale)
  coffee_small.jpg   121 x 90 baseline JPEG cut from coffee.png (2.5x upscale, odd margin)

For each, NAME.torchvision.npy: PIL's convert("RGB"), torchvision Resize(224, BICUBIC) and CenterCrop(224)
(crop offset round((n - 224) / 2), half to even), as 224 x 672 float16 (rows of R,G,B triples; exact for 0-255).
For the odd-margin ones also NAME.huggingface.npy: the same resize, crop offset (n - 224) // 2 as Hugging Face's
CLIPImageProcessor computes it. rocket.normalized.npy: torchvision ToTensor + Normalize(CLIP mean, std), 672 x 224
float32 (channels stacked).
"""
import os
import shutil

import numpy as np
import torch
from PIL import Image
from torchvision import transforms

DATA = "/usr/lib/python3/dist-packages/skimage/data"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "splice-djl/src/test/resources/io/github/splice4j/pil")
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)

shutil.copy(os.path.join(DATA, "rocket.jpg"), os.path.join(OUT, "rocket.jpg"))
shutil.copy(os.path.join(DATA, "hubble_deep_field.jpg"), os.path.join(OUT, "hubble.jpg"))
shutil.copy(os.path.join(DATA, "camera.png"), os.path.join(OUT, "camera.png"))
shutil.copy(os.path.join(DATA, "logo.png"), os.path.join(OUT, "logo.png"))
shutil.copy(os.path.join(DATA, "chelsea.png"), os.path.join(OUT, "chelsea.png"))
shutil.copy(os.path.join(DATA, "green_palette.png"), os.path.join(OUT, "palette.png"))
coffee = Image.open(os.path.join(DATA, "coffee.png")).convert("RGB")
coffee.crop((150, 100, 451, 325)).save(os.path.join(OUT, "coffee_prog.jpg"), quality=90, progressive=True)
coffee.crop((250, 150, 371, 240)).save(os.path.join(OUT, "coffee_small.jpg"), quality=92)

resize = transforms.Resize(224, interpolation=transforms.InterpolationMode.BICUBIC)
crop = transforms.CenterCrop(224)
normalize = transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)])


def save_pixels(name, img):
    a = np.asarray(img, dtype=np.uint8)
    np.save(os.path.join(OUT, name), a.reshape(a.shape[0], -1).astype("<f2"))


for name in ["rocket.jpg", "hubble.jpg", "camera.png", "logo.png", "chelsea.png", "palette.png", "coffee_prog.jpg",
             "coffee_small.jpg"]:
    img = Image.open(os.path.join(OUT, name)).convert("RGB")
    resized = resize(img)
    base = os.path.splitext(name)[0]
    save_pixels(base + ".torchvision.npy", crop(resized))
    w, h = resized.size
    if (w - 224) % 2 or (h - 224) % 2:
        left, top = (w - 224) // 2, (h - 224) // 2
        save_pixels(base + ".huggingface.npy", resized.crop((left, top, left + 224, top + 224)))
    if name == "rocket.jpg":
        t = normalize(crop(resized)).numpy().astype("<f4")
        np.save(os.path.join(OUT, "rocket.normalized.npy"), t.reshape(3 * 224, 224))
    print(name, img.size, "->", resized.size)

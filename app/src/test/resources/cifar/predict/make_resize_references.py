"""Writes the reference images of TorchvisionResizeTest with Pillow, as torchvision resizes:

    Image.open(f).convert("RGB").resize((32, 32), Image.BILINEAR)

which is what transforms.Resize((32, 32)) does to a PIL image. Each input is a PNG of
deterministic pixels (a gradient with hash noise, so every filter weight shows); each output is
Pillow's 32x32 result. Run with Debian's python3-pil:  python3 make_resize_references.py
"""
from PIL import Image

SIZES = [(50, 40), (20, 13), (97, 32), (32, 70), (3, 5), (640, 480)]

for w, h in SIZES:
    img = Image.new("RGB", (w, h))
    img.putdata([((x * 255) // max(1, w - 1), (y * 255) // max(1, h - 1),
                  (x * 7919 + y * 104729) % 256) for y in range(h) for x in range(w)])
    img.save(f"in-{w}x{h}.png")
    img.resize((32, 32), Image.BILINEAR).save(f"out-{w}x{h}.png")
